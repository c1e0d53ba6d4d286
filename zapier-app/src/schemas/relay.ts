import { z } from 'zod';
import { dedupViewSchema, leadViewSchema as sharedLeadViewSchema } from '@synaptiq/shared/schemas/lead-view';
import {
  createdDealSchema,
  meetingBookedSchema as sharedMeetingBookedSchema,
  hookMessageSchema,
  meSchema,
  ownerSchema,
  pipelineSchema,
  stageSchema,
  submittedLeadSchema,
  syncFailedSchema,
  syncLogEntrySchema as sharedSyncLogEntrySchema,
  syncNowSchema,
} from '@synaptiq/shared/schemas/api';

/**
 * The relay's answers as the app reads them: the relay's own definitions from @synaptiq/shared (schemas/lead-view.ts,
 * schemas/api.ts), so the OpenAPI document, the relay's answers, these checks, the output fields and the samples
 * are one shape. What the app hands to a Zap is `.loose()` at its top level: a field a newer relay adds reaches the
 * Zap instead of being dropped, and performList passes the hook payload through as is.
 */

export { dedupViewSchema, meSchema, ownerSchema, pipelineSchema, stageSchema };

/** LeadView: the lead as GET /v1/leads and the lead.* hook payloads show it. */
export const leadViewSchema = sharedLeadViewSchema.loose();
export type LeadView = z.infer<typeof leadViewSchema>;

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), next_cursor: z.string().nullable() });
export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

/** POST /v1/deals answers `{deal}`. */
export const dealSchema = createdDealSchema.loose();
export const dealAnswerSchema = z.object({ deal: dealSchema });

export const syncNowAnswerSchema = syncNowSchema.loose();

export const createLeadAnswerSchema = submittedLeadSchema.extend({ lead: leadViewSchema }).loose();

/** POST /v1/hooks: kept by Zapier as the subscription's subscribeData (the secret verifies deliveries). */
export const hookSchema = z.looseObject({ id: z.string(), event: z.string(), target_url: z.string(), secret: z.string() });

/** The sync.failed hook payload's `data`. */
export const syncFailureSchema = syncFailedSchema.loose();
export type SyncFailure = z.infer<typeof syncFailureSchema>;

/** A sync-log entry (GET /v1/sync-log), the source of Sync Failed's performList. */
export const syncLogEntrySchema = sharedSyncLogEntrySchema.loose();

/** The meeting.booked hook payload's `data`, and an item of GET /v1/meetings. */
export const meetingBookedSchema = sharedMeetingBookedSchema.extend({ lead: leadViewSchema }).loose();

/** What the relay POSTs to a subscribed Zapier hook URL (Standard Webhooks body). */
export const hookDeliverySchema = hookMessageSchema;

/**
 * The relay's error body. Looser than the relay's own (any code): an error code a newer relay adds must still
 * reach the user with its message.
 */
export const relayErrorSchema = z.object({
  error: z.looseObject({ code: z.string(), message: z.string() }),
});
