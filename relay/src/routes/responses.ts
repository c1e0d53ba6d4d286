import { z } from 'zod';
import {
  crmObjectTypeSchema,
  crmProviderSchema,
  errorCodes,
  eventStatuses,
  eventTypes,
  hookEventSchema,
  syncLogStatuses,
  syncModeSchema,
} from '@synaptiq/shared';

/**
 * Response shapes of the admin API. The services build them (their types are inferred here) and the
 * OpenAPI document describes them from the same schemas, so docs and code cannot drift apart.
 */

const linked = z.object({ id: z.string(), url: z.string().nullable() }).nullable();

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(errorCodes) as [keyof typeof errorCodes, ...Array<keyof typeof errorCodes>]),
    message: z.string().describe('What is wrong and what to do about it.'),
    details: z.record(z.string(), z.unknown()).describe('e.g. errors: [{path, message}] for 422 request.invalid'),
  }),
});

export const dedupViewSchema = z
  .object({
    outcome: z.enum(['match', 'review', 'no_match']),
    rule: z.enum(['email', 'phone', 'name_company', 'none']),
    score: z.number().min(0).max(1),
    matched_record_id: z.string().nullable(),
    evidence: z.array(z.string()),
  })
  .nullable();

export const leadViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  company: z
    .object({ name: z.string().nullable(), domain: z.string().nullable(), size: z.union([z.string(), z.number()]).nullable(), industry: z.string().nullable() })
    .nullable(),
  qualification_status: z.string().nullable(),
  score: z.number().nullable(),
  source: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  crm: z.object({ provider: z.string(), contact: linked, company: linked, deal: linked }),
  owner: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  dedup: dedupViewSchema,
  review: z.object({ state: z.enum(['open', 'kept_separate', 'merged']) }).nullable(),
});
export type LeadView = z.infer<typeof leadViewSchema>;

export const meSchema = z.object({
  workspace: z.object({ id: z.string(), name: z.string() }),
  crm: z.object({ provider: crmProviderSchema, connected: z.boolean(), account_name: z.string().nullable(), sandbox: z.boolean() }),
  sync_mode: syncModeSchema,
  status: z.object({ paused: z.boolean(), reason: z.object({ code: z.string(), message: z.string() }).nullable(), since: z.string().nullable() }),
});
export type MeView = z.infer<typeof meSchema>;

export const createdDealSchema = z.object({
  id: z.string(),
  url: z.string().nullable(),
  lead_id: z.string(),
  pipeline_id: z.string(),
  stage_id: z.string(),
  amount: z.number().nullable(),
  owner_id: z.string().nullable(),
  close_date: z.iso.date(),
  name: z.string(),
});
export type CreatedDeal = z.infer<typeof createdDealSchema>;

export const syncNowSchema = z.object({
  pushed: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  remaining: z.number().int().describe('Events still waiting: pending, retrying later, or in flight.'),
  results: z.array(z.object({ event_id: z.string(), lead_id: z.string(), status: z.enum(['synced', 'skipped', 'failed', 'dead', 'pending']) })),
});

export const syncLogEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  event_id: z.string().nullable(),
  lead_id: z.string().nullable(),
  record_type: crmObjectTypeSchema,
  action: z.string(),
  status: z.enum(syncLogStatuses),
  crm_id: z.string().nullable(),
  crm_url: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }).nullable(),
  message: z.string().nullable(),
  retry_count: z.number().int(),
});

export const eventSummarySchema = z.object({
  id: z.string(),
  type: z.enum(eventTypes),
  lead_id: z.string(),
  status: z.enum(eventStatuses),
  attempts: z.number().int(),
  next_attempt_at: z.string().nullable(),
  last_error: z.object({ code: z.string(), message: z.string() }).nullable(),
  received_at: z.string(),
  updated_at: z.string(),
});

export const ingestResultSchema = z.object({ id: z.string(), status: z.enum(['accepted', 'duplicate']) });

export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), next_cursor: z.string().nullable() });
export const dataOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

export const propertySchema = z.object({ name: z.string(), label: z.string(), type: z.string(), custom: z.boolean() });
export const stageSchema = z.object({ id: z.string(), label: z.string() });
export const pipelineSchema = z.object({ id: z.string(), label: z.string(), stages: z.array(stageSchema) });
export const ownerSchema = z.object({ id: z.string(), name: z.string(), email: z.string().nullable() });
export const verifySchema = z.object({
  ok: z.literal(true),
  account: z.object({ id: z.string(), name: z.string().nullable(), provider: z.string(), scopes: z.array(z.string()) }),
});

export const hookSubscriptionSchema = z.object({
  id: z.string(),
  event: hookEventSchema,
  target_url: z.string(),
  status: z.enum(['active', 'disabled']),
  disabled_reason: z.string().nullable(),
  created_at: z.string(),
  health: z.object({ last_success_at: z.string().nullable(), last_failure_at: z.string().nullable(), failing_since: z.string().nullable() }),
});

export const hookDeliverySchema = z.object({
  id: z.string(),
  subscription_id: z.string(),
  message_id: z.string().describe('The webhook-id header: the same on every attempt of one message.'),
  event: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed', 'dead']),
  attempts: z.number().int(),
  response_status: z.number().int().nullable(),
  error: z.string().nullable(),
  next_attempt_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
