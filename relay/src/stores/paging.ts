import { z } from 'zod';
import { SyncError } from '@synaptiq/shared';
import type { Page, PageRequest } from '@synaptiq/shared';

/**
 * Keyset paging shared by every store implementation: a cursor is the sort key of the last item
 * of a page (base64url JSON), so pages stay stable while new rows arrive and cost O(limit).
 */

export const maxPageSize = 500;

export type CursorKey = Array<string | number>;

/** The sort keys lists page by: received order, a text key, or a time with the received order as tie-break. */
const cursorSchemas = {
  seq: z.tuple([z.number().int()]),
  key: z.tuple([z.string()]),
  timeSeq: z.tuple([z.string(), z.number().int()]),
} as const;
export type CursorKind = keyof typeof cursorSchemas;
export type CursorOf<K extends CursorKind> = z.infer<(typeof cursorSchemas)[K]>;

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The sort key a cursor carries, or null for the first page; a cursor of another shape is the caller's error. */
export function decodeCursor<K extends CursorKind>(cursor: string | null | undefined, kind: K): CursorOf<K> | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = cursorSchemas[kind].safeParse(decoded);
  if (!parsed.success) {
    throw new SyncError('request.invalid', 'The paging cursor is not valid here: pass the next_cursor of the previous page unchanged.', {
      details: { field: 'cursor' },
    });
  }
  return parsed.data as CursorOf<K>;
}

/** The page size asked for, clamped to 1…maxPageSize. */
export function pageSize(page: PageRequest): number {
  if (!Number.isFinite(page.limit)) return maxPageSize;
  return Math.min(Math.max(Math.trunc(page.limit), 1), maxPageSize);
}

/**
 * Builds a page from up to `limit + 1` rows fetched after the cursor: the extra row only tells
 * whether another page exists.
 */
export function toPage<T>(rows: T[], limit: number, keyOf: (item: T) => CursorKey): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next_cursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
