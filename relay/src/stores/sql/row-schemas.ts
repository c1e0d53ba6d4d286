import { z } from 'zod';
import { crmObjectTypeSchema, eventStatuses, leadSchema, qualificationStatusSchema, synaptiqEventSchema } from '@synaptiq/shared';
import { dedupDecisionSchema, deliveryStatuses, syncErrorJsonSchema, syncLogEntrySchema } from '../schemas';

/**
 * Row schemas of the SQL stores, one set for both dialects: what the database hands back is parsed like any
 * other boundary, so a row written by an older or hand-edited database fails loudly instead of flowing on
 * mistyped. Only how a dialect returns three kinds of column differs; `ColumnCodecs` says how.
 */
export interface ColumnCodecs {
  /** An identity `seq` column, as a number. */
  seq: z.ZodType<number>;
  /** A timestamp column, in the stores' ISO form (times.ts). */
  time: z.ZodType<string>;
  /** A JSON column holding a value of the given shape. */
  json<T extends z.ZodType>(schema: T): z.ZodType<z.output<T>>;
}

const text = z.string();
const nullableText = z.string().nullable();
const integer = z.number().int();

export function rowSchemas({ seq, time, json }: ColumnCodecs) {
  return {
    event: z.object({
      seq,
      workspace_id: text,
      event_id: text,
      lead_id: text,
      payload: json(synaptiqEventSchema),
      received_at: time,
      status: z.enum(eventStatuses),
      attempts: integer,
      next_attempt_at: time.nullable(),
      last_error: json(syncErrorJsonSchema).nullable(),
      updated_at: time,
    }),
    link: z.object({
      key: text,
      object_type: crmObjectTypeSchema,
      crm_id: text,
      url: nullableText,
    }),
    lead: z.object({
      seq,
      workspace_id: text,
      lead_id: text,
      lead: json(leadSchema),
      status: qualificationStatusSchema.nullable(),
      crm_owner: json(z.object({ id: z.string(), name: z.string().optional() })).nullable(),
      dedup: json(dedupDecisionSchema).nullable(),
      review: json(z.object({ state: z.enum(['open', 'kept_separate', 'merged']), resolved_at: z.string().nullable() })).nullable(),
      created_at: time,
      updated_at: time,
    }),
    syncLog: syncLogEntrySchema.extend({ seq, at: time, error: json(syncErrorJsonSchema).nullable() }),
    delivery: z.object({
      seq,
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
      next_attempt_at: time.nullable(),
      created_at: time,
      updated_at: time,
    }),
  };
}

export type RowSchemas = ReturnType<typeof rowSchemas>;

/** The text of a nullable JSON column's value (a jsonb parameter goes as text too: node-postgres would send a JS array as a PostgreSQL array). */
export const jsonText = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));
