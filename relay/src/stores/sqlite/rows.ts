import { z } from 'zod';
import { rowRecords } from '../sql/row-records';
import { rowSchemas } from '../sql/row-schemas';
import type { SqlDialect } from '../sql/list-queries';

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

/** How node:sqlite hands back the stores' columns: integers, ISO text times, JSON as text. The row schemas are shared (../sql/row-schemas.ts). */
const rows = rowSchemas({ seq: z.number().int(), time: z.string(), json });

export const eventRowSchema = rows.event;

export const sqliteDialect: SqlDialect = {
  records: rowRecords(rows),
  // Written out, as the SQLite store always had it (the row-value form was never checked against SQLite's planner).
  beforeTimeSeq: (timeColumn) => `(${timeColumn} < :after_at OR (${timeColumn} = :after_at AND seq < :after_seq))`,
};
