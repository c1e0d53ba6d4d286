import type { Page, PageRequest } from '@synaptiq/shared';
import { decodeCursor, pageSize, toPage } from '../paging';
import type { CursorKey, CursorKind, CursorOf } from '../paging';

/**
 * One page of an in-memory list, in the order and with the cursors the SQL stores use: items
 * sorted by their key (compared part by part), those at or before the cursor's key skipped.
 * Items are returned as they are: callers copy what they hand out.
 */
export function memoryPage<T, K extends CursorKind>(
  items: T[],
  page: PageRequest,
  sort: { key: (item: T) => CursorOf<K>; cursor: K; order: 'asc' | 'desc' },
): Page<T> {
  const limit = pageSize(page);
  const sign = sort.order === 'asc' ? 1 : -1;
  const after = decodeCursor(page.cursor, sort.cursor);
  const keyed = items.map((item) => ({ item, key: sort.key(item) })).sort((a, b) => sign * compareKeys(a.key, b.key));
  const rows = keyed.filter(({ key }) => after === null || sign * compareKeys(key, after) > 0).slice(0, limit + 1);
  const result = toPage(rows, limit, (row) => row.key);
  return { items: result.items.map((row) => row.item), next_cursor: result.next_cursor };
}

function compareKeys(a: CursorKey, b: CursorKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}
