import { z } from 'zod';
import type { Page } from '@synaptiq/shared';

/** `?limit=` (1–100, default 25) and `?cursor=` (the previous answer's next_cursor). */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(1000).optional(),
});

/** A list answer: `{data, next_cursor}`, newest first. */
export const pageAnswer = <T, U>(page: Page<T>, present: (item: T) => U) => ({ data: page.items.map(present), next_cursor: page.next_cursor });

/** An ISO time with its offset (query filters since/until). */
export const isoTimeQuery = z.iso.datetime({ offset: true });
