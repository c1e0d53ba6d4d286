import { z } from 'zod';
import { crmObjectTypeSchema, eventStatuses, leadSchema, qualificationStatusSchema, synaptiqEventSchema } from '@synaptiq/shared';
import { dedupDecisionSchema, deliveryStatuses, syncErrorJsonSchema, syncLogEntrySchema } from '../schemas';

/**
 * Row schemas: what SQLite hands back is parsed like any other boundary, JSON columns included,
 * so a row written by an older or hand-edited database fails loudly instead of flowing on mistyped.
 */

/** A TEXT column holding JSON of the given shape. */
const json = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const nullableJson = <T extends z.ZodType>(schema: T) => z.union([z.null(), json(schema)]);

const text = z.string();
const nullableText = z.string().nullable();
const integer = z.number().int();

export const eventRowSchema = z.object({
  seq: integer,
  workspace_id: text,
  event_id: text,
  lead_id: text,
  payload: json(synaptiqEventSchema),
  received_at: text,
  status: z.enum(eventStatuses),
  attempts: integer,
  next_attempt_at: nullableText,
  last_error: nullableJson(syncErrorJsonSchema),
  updated_at: text,
});

export const linkRowSchema = z.object({
  key: text,
  object_type: crmObjectTypeSchema,
  crm_id: text,
  url: nullableText,
});

export const leadRowSchema = z.object({
  seq: integer,
  workspace_id: text,
  lead_id: text,
  lead: json(leadSchema),
  status: qualificationStatusSchema.nullable(),
  crm_owner: nullableJson(z.object({ id: z.string(), name: z.string().optional() })),
  dedup: nullableJson(dedupDecisionSchema),
  review: nullableJson(z.object({ state: z.enum(['open', 'kept_separate', 'merged']), resolved_at: z.string().nullable() })),
  created_at: text,
  updated_at: text,
});

export const syncLogRowSchema = syncLogEntrySchema.extend({ seq: integer, error: nullableJson(syncErrorJsonSchema) });

export const deliveryRowSchema = z.object({
  seq: integer,
  id: text,
  workspace_id: text,
  subscription_id: text,
  message_id: text,
  event: text,
  payload: json(z.unknown()),
  attempt: integer,
  status: z.enum(deliveryStatuses),
  response_status: integer.nullable(),
  error: nullableText,
  next_attempt_at: nullableText,
  created_at: text,
  updated_at: text,
});

/** JSON for a nullable JSON column. */
export const toJson = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));
