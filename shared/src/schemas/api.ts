import { z } from 'zod';
import { syncLogStatuses } from '../ports/stores';
import { crmObjectTypeSchema } from './crm';
import { meetingSchema } from './events';
import { dedupViewSchema, leadViewSchema } from './lead-view';
import { crmProviderSchema, syncModeSchema } from './settings';
import { hookEventSchema } from './workspace';

/**
 * Answers of the relay's admin API and data of its outbound hooks that the Zapier app reads too. The relay builds
 * them (types inferred here), its OpenAPI document describes them, and the Zapier app validates answers, derives
 * output fields and checks its samples against the same schemas.
 */

const isoDateTime = z.iso.datetime({ offset: true });

/** GET /v1/me: the API key's workspace (the Zapier connection test and label). */
export const meSchema = z.object({
  workspace: z.object({ id: z.string(), name: z.string() }),
  crm: z.object({ provider: crmProviderSchema, connected: z.boolean(), account_name: z.string().nullable(), sandbox: z.boolean() }),
  sync_mode: syncModeSchema,
  status: z.object({ paused: z.boolean(), reason: z.object({ code: z.string(), message: z.string() }).nullable(), since: z.string().nullable() }),
});
export type MeView = z.infer<typeof meSchema>;

/** POST /v1/leads (and Zapier's Create Lead): `dedup` is null until the worker has decided. */
export const submittedLeadSchema = z.object({ lead: leadViewSchema, event_id: z.string(), dedup: dedupViewSchema.nullable() });

/** POST /v1/deals answers `{deal}` with this. */
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

/** POST /v1/sync (Sync Now). */
export const syncNowSchema = z.object({
  pushed: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  remaining: z.number().int().describe('Events still waiting: pending, retrying later, or in flight.'),
  results: z.array(z.object({ event_id: z.string(), lead_id: z.string(), status: z.enum(['synced', 'skipped', 'failed', 'dead', 'pending']) })),
});
export type SyncNowResult = z.infer<typeof syncNowSchema>;

/** One line of GET /v1/sync-log. */
export const syncLogEntrySchema = z.object({
  id: z.string(),
  at: isoDateTime,
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
export type SyncLogEntryView = z.infer<typeof syncLogEntrySchema>;

/** CRM dropdown items (GET /v1/crm/pipelines, …/stages, /v1/crm/owners). */
export const stageSchema = z.object({ id: z.string(), label: z.string() });
export const pipelineSchema = z.object({ id: z.string(), label: z.string(), stages: z.array(stageSchema) });
export const ownerSchema = z.object({ id: z.string(), name: z.string(), email: z.string().nullable() });

/** The meeting.booked hook's data, and an item of GET /v1/meetings. */
export const meetingBookedSchema = z.object({
  id: z.string().describe("The meeting's id (Synaptiq's)."),
  lead: leadViewSchema,
  meeting: meetingSchema,
});
export type MeetingBookedData = z.infer<typeof meetingBookedSchema>;

/** The sync.failed hook's data: one failed sync log entry. */
export const syncFailedSchema = z.object({
  id: z.string().describe("The sync log entry's id (GET /v1/sync-log)."),
  lead_id: z.string().nullable(),
  event_id: z.string().nullable(),
  record_type: crmObjectTypeSchema,
  error: z.object({ code: z.string(), message: z.string() }),
  retry_count: z.number().int().describe('Attempts before this one (0 on the first failure).'),
  at: isoDateTime,
});
export type SyncFailedData = z.infer<typeof syncFailedSchema>;

/** What a hook subscriber receives (Standard Webhooks body): `data` depends on `type`. */
export const hookMessageSchema = z.object({
  type: hookEventSchema,
  timestamp: isoDateTime.describe('When the relay emitted the message; the same on every retry.'),
  data: z.unknown(),
});
