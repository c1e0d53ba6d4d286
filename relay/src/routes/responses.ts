import { z } from 'zod';
import { errorCodes, eventStatuses, eventTypes, hookEventSchema } from '@synaptiq/shared';

/**
 * Response shapes of the admin API. The services build them (their types are inferred here) and the
 * OpenAPI document describes them from the same schemas, so docs and code cannot drift apart.
 * The shapes the Zapier app reads too (LeadView, hook data, deals, Sync Now, the sync log, dropdowns) live in
 * @synaptiq/shared (schemas/lead-view.ts, schemas/api.ts) and are re-exported here.
 */

export {
  createdDealSchema,
  dedupViewSchema,
  leadViewSchema,
  meSchema,
  ownerSchema,
  pipelineSchema,
  stageSchema,
  syncLogEntrySchema,
  syncNowSchema,
  type CreatedDeal,
  type LeadView,
  type MeView,
} from '@synaptiq/shared';

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(errorCodes) as [keyof typeof errorCodes, ...Array<keyof typeof errorCodes>]),
    message: z.string().describe('What is wrong and what to do about it.'),
    details: z.record(z.string(), z.unknown()).describe('e.g. errors: [{path, message}] for 422 request.invalid'),
  }),
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
