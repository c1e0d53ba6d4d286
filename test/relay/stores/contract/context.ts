import type { Stores } from '@synaptiq/shared';

/** What each contract section gets: the stores under test, reopened on demand when they persist. */
export interface StoreContext {
  readonly stores: Stores;
  /** True when the implementation keeps data across close() and open() (file or server backed). */
  readonly persistent: boolean;
  /** Closes the stores and opens them again on the same data. */
  reopen(): Promise<Stores>;
}

/** Drains every page of a paged list, checking no item comes twice. */
export async function allPages<T>(fetch: (cursor: string | null) => Promise<{ items: T[]; next_cursor: string | null }>): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | null = null;
  do {
    const page: { items: T[]; next_cursor: string | null } = await fetch(cursor);
    pages.push(page.items);
    cursor = page.next_cursor;
  } while (cursor !== null && pages.length < 100);
  return pages;
}
