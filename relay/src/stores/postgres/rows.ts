import { z } from 'zod';
import { rowRecords } from '../sql/row-records';
import { rowSchemas } from '../sql/row-schemas';
import type { SqlDialect } from '../sql/list-queries';

/**
 * How node-postgres hands back the stores' columns: timestamptz as Date (turned back into the stores' ISO form),
 * bigint as text, jsonb already parsed. The row schemas themselves are shared with SQLite (../sql/row-schemas.ts).
 */
const rows = rowSchemas({
  seq: z.union([z.string(), z.number()]).transform((value) => Number(value)).pipe(z.number().int()),
  time: z.date().transform((date) => date.toISOString()),
  // jsonb arrives parsed: only its shape is checked.
  json: (schema) => z.unknown().pipe(schema),
});

export const eventRowSchema = rows.event;

export const postgresDialect: SqlDialect = {
  records: rowRecords(rows),
  // A row comparison PostgreSQL turns into one index range; the casts type the bound parameters.
  beforeTimeSeq: (timeColumn) => `(${timeColumn}, seq) < (:after_at::timestamptz, :after_seq::bigint)`,
};
