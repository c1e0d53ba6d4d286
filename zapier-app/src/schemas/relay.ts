import { z } from 'zod';
import { companySchema, leadSchema, meetingSchema, qualificationStatusSchema } from '@synaptiq/shared/schemas/events';

/**
 * The relay's answers as the app reads them (docs/openapi.json is the truth). Lead fields come from the shared
 * lead schema, so a renamed or retyped lead field shows up here and in the Zapier fields at once. Objects are
 * loose: a newer relay adding a field never breaks a Zap, and performList passes the hook payload through as is.
 */

const isoDateTime = z.iso.datetime({ offset: true });
const linkedRecordSchema = z.looseObject({ id: z.string(), url: z.string().nullable() }).nullable();

export const dedupViewSchema = z.looseObject({
  outcome: z.enum(['match', 'review', 'no_match']),
  rule: z.enum(['email', 'phone', 'name_company', 'none']),
  score: z.number(),
  matched_record_id: z.string().nullable(),
  evidence: z.array(z.string()),
});

/** LeadView: the lead as GET /v1/leads and the lead.* hook payloads show it. */
export const leadViewSchema = leadSchema
  .pick({ id: true, name: true, first_name: true, last_name: true, email: true, phone: true, title: true, score: true, source: true })
  .extend({
    company: companySchema.pick({ name: true, domain: true, size: true, industry: true }).nullable(),
    qualification_status: qualificationStatusSchema.nullable(),
    created_at: isoDateTime,
    updated_at: isoDateTime,
    crm: z.looseObject({
      provider: z.string(),
      contact: linkedRecordSchema,
      company: linkedRecordSchema,
      deal: linkedRecordSchema,
    }),
    owner: z.looseObject({ id: z.string(), name: z.string().nullable() }).nullable(),
    dedup: dedupViewSchema.nullable(),
    review: z.looseObject({ state: z.string() }).nullable(),
  })
  .loose();
export type LeadView = z.infer<typeof leadViewSchema>;

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), next_cursor: z.string().nullable() });

export const meSchema = z.looseObject({
  workspace: z.looseObject({ id: z.string(), name: z.string() }),
  crm: z.looseObject({ provider: z.string(), connected: z.boolean(), account_name: z.string().nullable(), sandbox: z.boolean() }),
});

export const pipelineSchema = z.looseObject({
  id: z.string(),
  label: z.string(),
  stages: z.array(z.looseObject({ id: z.string(), label: z.string() })),
});
export const stageSchema = z.looseObject({ id: z.string(), label: z.string() });
export const ownerSchema = z.looseObject({ id: z.string(), name: z.string(), email: z.string().nullable() });
export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

export const dealSchema = z.looseObject({
  id: z.string(),
  url: z.string().nullable(),
  lead_id: z.string(),
  pipeline_id: z.string().nullish(),
  stage_id: z.string().nullish(),
  amount: z.number().nullish(),
  owner_id: z.string().nullish(),
  close_date: z.string().nullish(),
  name: z.string().nullish(),
});
export const dealAnswerSchema = z.object({ deal: dealSchema });

export const syncNowAnswerSchema = z.looseObject({
  pushed: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  remaining: z.number().int(),
  results: z.array(z.looseObject({ event_id: z.string(), lead_id: z.string().nullable(), status: z.string() })),
});

export const createLeadAnswerSchema = z.looseObject({ lead: leadViewSchema, event_id: z.string(), dedup: dedupViewSchema.nullable() });

/** POST /v1/hooks: kept by Zapier as the subscription's subscribeData (the secret verifies deliveries). */
export const hookSchema = z.looseObject({ id: z.string(), event: z.string(), target_url: z.string(), secret: z.string() });

/** The sync.failed hook payload's `data`. */
export const syncFailureSchema = z.looseObject({
  id: z.string(),
  lead_id: z.string().nullable(),
  event_id: z.string().nullable(),
  record_type: z.string(),
  error: z.looseObject({ code: z.string(), message: z.string() }),
  retry_count: z.number().int(),
  at: isoDateTime,
});
export type SyncFailure = z.infer<typeof syncFailureSchema>;

/** A sync-log entry (GET /v1/sync-log), the source of Sync Failed's performList. */
export const syncLogEntrySchema = z.looseObject({
  id: z.string(),
  at: isoDateTime,
  event_id: z.string().nullable(),
  lead_id: z.string().nullable(),
  record_type: z.string(),
  status: z.string(),
  error: z.looseObject({ code: z.string(), message: z.string() }).nullable(),
  retry_count: z.number().int(),
});

/** The meeting.booked hook payload's `data`. */
export const meetingBookedSchema = z.looseObject({
  id: z.string(),
  lead: leadViewSchema,
  meeting: meetingSchema,
});

/** What the relay POSTs to a subscribed Zapier hook URL (Standard Webhooks body). */
export const hookDeliverySchema = z.looseObject({ type: z.string(), timestamp: z.string(), data: z.unknown() });

/** The relay's error body. */
export const relayErrorSchema = z.object({
  error: z.looseObject({ code: z.string(), message: z.string() }),
});
