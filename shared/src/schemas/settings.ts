import { z } from 'zod';

/** Workspace settings, with the defaults of the CRM-sync documentation. */

export const crmProviders = ['hubspot', 'salesforce'] as const;
export const crmProviderSchema = z.enum(crmProviders);
export type CrmProvider = z.infer<typeof crmProviderSchema>;

/** A CRM field name: letters, digits and underscores (HubSpot internal names, Salesforce API names). */
export const crmFieldNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'use the CRM field\'s internal (API) name: letters, digits and underscores');

/** Synaptiq fields that can be mapped, per CRM object. */
export const synaptiqFields = {
  contact: [
    'synaptiq_name',
    'synaptiq_first_name',
    'synaptiq_last_name',
    'synaptiq_email',
    'synaptiq_phone',
    'synaptiq_title',
    'synaptiq_company',
    'synaptiq_lead_source',
    'synaptiq_lead_score',
    'synaptiq_lead_id',
    'synaptiq_qualification_status',
    'synaptiq_pain_points',
    'synaptiq_conversation_id',
  ],
  company: ['synaptiq_company_name', 'synaptiq_company_domain', 'synaptiq_industry', 'synaptiq_company_size'],
  deal: ['synaptiq_deal_name', 'synaptiq_qualification_status', 'synaptiq_estimated_value', 'synaptiq_lead_id'],
} as const;
export type MappedObject = keyof typeof synaptiqFields;
export type SynaptiqField<O extends MappedObject = MappedObject> = (typeof synaptiqFields)[O][number];

const objectMapping = <O extends MappedObject>(object: O) =>
  z.partialRecord(z.enum(synaptiqFields[object]), crmFieldNameSchema.nullable());

/**
 * A field mapping: for each object, Synaptiq field → CRM field (null = not synced).
 * Absent objects or fields fall back to the provider's default mapping.
 */
export const fieldMappingSchema = z.object({
  contact: objectMapping('contact').default({}),
  company: objectMapping('company').default({}),
  deal: objectMapping('deal').default({}),
});
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

export const syncModeSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('realtime') }),
  z.object({ mode: z.literal('batched'), interval_minutes: z.number().int().min(1).max(1440).default(15) }),
  z.object({ mode: z.literal('manual') }),
]);
export type SyncMode = z.infer<typeof syncModeSchema>;

/** Lead fields two-way sync may pull back from the CRM. */
export const pullableFields = ['email', 'phone', 'first_name', 'last_name', 'title', 'company', 'deal_stage', 'owner'] as const;

export const syncDirectionSchema = z.discriminatedUnion('direction', [
  z.object({ direction: z.literal('one_way') }),
  z.object({
    direction: z.literal('bidirectional'),
    pull_fields: z.array(z.enum(pullableFields)).min(1).default(['phone', 'email', 'deal_stage', 'owner']),
    poll_interval_minutes: z.number().int().min(1).max(1440).default(5),
  }),
]);
export type SyncDirection = z.infer<typeof syncDirectionSchema>;

export const duplicateStrategies = ['update_existing', 'skip', 'always_create', 'flag_for_review'] as const;
export const duplicateStrategySchema = z.enum(duplicateStrategies);
export type DuplicateStrategy = z.infer<typeof duplicateStrategySchema>;

export const ownerAssignments = ['round_robin', 'fixed', 'none'] as const;

export const dealCreationSchema = z
  .object({
    enabled: z.boolean().default(true),
    /**
     * Pipeline label or id; HubSpot "Sales Pipeline" is the default pipeline. Salesforce has a single list of
     * opportunity stages, used whatever this says (the default included).
     */
    pipeline: z.string().trim().min(1).default('Sales Pipeline'),
    /**
     * Stage label or id within the pipeline. The default is the documented HubSpot stage; in Salesforce, while it
     * is still "Qualified Lead" and the org has no such stage, the standard stage "Qualification" is used
     * (shared/src/mapping/deal-stage.ts). A pipeline or stage the CRM lacks pauses the sync until it is fixed.
     */
    initial_stage: z.string().trim().min(1).default('Qualified Lead'),
    default_amount: z.number().nonnegative().nullable().default(null),
    owner_assignment: z.enum(ownerAssignments).default('round_robin'),
    /** The owner (HubSpot owner id / Salesforce user id) when owner_assignment is "fixed". */
    fixed_owner_id: z.string().trim().min(1).nullable().default(null),
    /** Days from qualification to the expected close date (Salesforce requires CloseDate). */
    close_in_days: z.number().int().min(0).max(3650).default(30),
    /** Qualification status → stage label or id, overriding initial_stage for later statuses. */
    stage_by_status: z.partialRecord(z.enum(['qualified', 'won', 'lost', 'disqualified']), z.string().trim().min(1)).default({}),
  })
  .refine((d) => d.owner_assignment !== 'fixed' || d.fixed_owner_id, {
    message: 'choose the owner for fixed owner assignment (fixed_owner_id)',
    path: ['fixed_owner_id'],
  });
export type DealCreation = z.infer<typeof dealCreationSchema>;

/** Salesforce-only choices. */
export const salesforceOptionsSchema = z.object({
  /** Write people as Lead (default) or Contact records. */
  person_object: z.enum(['Lead', 'Contact']).default('Lead'),
  /** Opportunity is created when a meeting is booked (the vendor docs), or when the lead is qualified. */
  opportunity_on: z.enum(['meeting_booked', 'qualified']).default('meeting_booked'),
});

export const requiredLeadFieldsSchema = z.array(z.enum(['email', 'phone', 'company', 'name'])).default(['email']);

export const workspaceSettingsSchema = z.object({
  crm: crmProviderSchema.default('hubspot'),
  field_mapping: fieldMappingSchema.default({ contact: {}, company: {}, deal: {} }),
  sync_mode: syncModeSchema.default({ mode: 'realtime' }),
  sync_direction: syncDirectionSchema.default({ direction: 'one_way' }),
  duplicate_strategy: duplicateStrategySchema.default('update_existing'),
  contact_creation: z.boolean().default(true),
  deal_creation: dealCreationSchema.default({
    enabled: true,
    pipeline: 'Sales Pipeline',
    initial_stage: 'Qualified Lead',
    default_amount: null,
    owner_assignment: 'round_robin',
    fixed_owner_id: null,
    close_in_days: 30,
    stage_by_status: {},
  }),
  /** Lead fields that must be present before anything is written (email: the docs' contact rule). */
  required_lead_fields: requiredLeadFieldsSchema,
  /** ISO 3166 alpha-2 region for phone numbers written without a country code. */
  default_phone_region: z.string().regex(/^[A-Z]{2}$/, 'use a two-letter country code such as US or GB').default('US'),
  salesforce: salesforceOptionsSchema.default({ person_object: 'Lead', opportunity_on: 'meeting_booked' }),
});
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;
export type WorkspaceSettingsInput = z.input<typeof workspaceSettingsSchema>;

export const defaultWorkspaceSettings = (): WorkspaceSettings => workspaceSettingsSchema.parse({});

/** CRM connection credentials (stored encrypted by the relay; never returned by its API). */
export const crmConnectionSchema = z.discriminatedUnion('auth', [
  z.object({
    provider: z.literal('hubspot'),
    auth: z.literal('private_app'),
    access_token: z.string().min(1),
    base_url: z.url().optional(),
    /** The portal's per-10-second budget: 100 (Free/Starter), 190 (Professional/Enterprise), 110 (OAuth app). */
    rate_limit_per_10s: z.number().int().min(1).max(1000).default(100),
  }),
  z.object({
    provider: z.enum(crmProviders),
    auth: z.literal('oauth'),
    access_token: z.string().min(1),
    refresh_token: z.string().min(1),
    expires_at: z.number().int().nullable().default(null),
    instance_url: z.url().optional(),
    base_url: z.url().optional(),
    rate_limit_per_10s: z.number().int().min(1).max(1000).default(110),
  }),
]);
export type CrmConnection = z.infer<typeof crmConnectionSchema>;
