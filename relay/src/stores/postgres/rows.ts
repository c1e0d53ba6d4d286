import { z } from 'zod';
import { crmObjectTypeSchema, eventStatuses, leadSchema, qualificationStatusSchema, synaptiqEventSchema } from '@synaptiq/shared';
import { dedupDecisionSchema, deliveryStatuses, syncErrorJsonSchema, syncLogEntrySchema } from '../schemas';

/**
 * Row schemas: what PostgreSQL hands back is parsed like any other boundary. node-postgres returns
 * timestamptz as Date (turned back into the stores' ISO form), bigint as text, jsonb already parsed.
 */

const text = z.string();
const nullableText = z.string().nullable();
const integer = z.number().int();
/** bigint (int8) columns: identity seqs and counts. */
const bigint = z.union([z.string(), z.number()]).transform((value) => Number(value)).pipe(z.number().int());
const time = z.date().transform((date) => date.toISOString());
const nullableTime = time.nullable();

export const countRowSchema = z.object({ count: bigint });

export const eventRowSchema = z.object({
  seq: bigint,
  workspace_id: text,
  event_id: text,
  lead_id: text,
  payload: synaptiqEventSchema,
  received_at: time,
  status: z.enum(eventStatuses),
  attempts: integer,
  next_attempt_at: nullableTime,
  last_error: syncErrorJsonSchema.nullable(),
  updated_at: time,
});

export const linkRowSchema = z.object({
  key: text,
  object_type: crmObjectTypeSchema,
  crm_id: text,
  url: nullableText,
});

export const leadRowSchema = z.object({
  seq: bigint,
  workspace_id: text,
  lead_id: text,
  lead: leadSchema,
  status: qualificationStatusSchema.nullable(),
  crm_owner: z.object({ id: z.string(), name: z.string().optional() }).nullable(),
  dedup: dedupDecisionSchema.nullable(),
  review: z.object({ state: z.enum(['open', 'kept_separate', 'merged']), resolved_at: z.string().nullable() }).nullable(),
  created_at: time,
  updated_at: time,
});

export const syncLogRowSchema = syncLogEntrySchema.extend({ seq: bigint, at: time });

export const deliveryRowSchema = z.object({
  seq: bigint,
  id: text,
  workspace_id: text,
  subscription_id: text,
  message_id: text,
  event: text,
  payload: z.unknown(),
  attempt: integer,
  status: z.enum(deliveryStatuses),
  response_status: integer.nullable(),
  error: nullableText,
  next_attempt_at: nullableTime,
  created_at: time,
  updated_at: time,
});

/**
 * A value for a jsonb parameter. node-postgres would send a JS array as a PostgreSQL array, so every
 * JSON value goes as its text; null stays SQL NULL.
 */
export const jsonb = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));
