import type { Page, PageRequest, SyncLogEntry, SyncLogFilter, SyncLogStore } from '@synaptiq/shared';
import { decodeCursor, pageSize, toPage } from '../paging';
import { matchesSyncLogFilter, normalizedSyncLogEntry } from '../sync-log-rules';
import { utcIso } from '../times';

interface Entry {
  seq: number;
  entry: SyncLogEntry;
}

/** The in-memory twin of SqliteSyncLogStore. */
export class MemorySyncLogStore implements SyncLogStore {
  #entries: Entry[] = [];
  /** Workspace id + entry id of every entry, for idempotent appends. */
  readonly #ids = new Set<string>();
  #seq = 0;

  async append(entries: SyncLogEntry[]): Promise<void> {
    const valid = entries.map(normalizedSyncLogEntry);
    for (const entry of valid) {
      const id = JSON.stringify([entry.workspace_id, entry.id]);
      if (this.#ids.has(id)) continue;
      this.#ids.add(id);
      this.#entries.push({ seq: ++this.#seq, entry: structuredClone(entry) });
    }
  }

  async list(workspaceId: string, filter: SyncLogFilter, page: PageRequest): Promise<Page<SyncLogEntry>> {
    const limit = pageSize(page);
    const after = decodeCursor(page.cursor, 2);
    const rows = this.#entries
      .filter(({ entry }) => entry.workspace_id === workspaceId && matchesSyncLogFilter(entry, filter))
      .sort(newestFirst)
      .filter((item) => after === null || newestFirst(item, { seq: Number(after[1]), entry: { at: String(after[0]) } }) > 0)
      .slice(0, limit + 1);
    const result = toPage(rows, limit, (item) => [item.entry.at, item.seq]);
    return { items: result.items.map((item) => structuredClone(item.entry)), next_cursor: result.next_cursor };
  }

  async prune(before: string): Promise<number> {
    const cutoff = utcIso(before, 'before');
    const pruned = this.#entries.filter(({ entry }) => entry.at < cutoff);
    for (const { entry } of pruned) this.#ids.delete(JSON.stringify([entry.workspace_id, entry.id]));
    this.#entries = this.#entries.filter(({ entry }) => entry.at >= cutoff);
    return pruned.length;
  }
}

type SortKey = { seq: number; entry: Pick<SyncLogEntry, 'at'> };

/** `at` descending, then append order descending: the order of SqliteSyncLogStore.list. */
function newestFirst(a: SortKey, b: SortKey): number {
  if (a.entry.at !== b.entry.at) return a.entry.at < b.entry.at ? 1 : -1;
  return b.seq - a.seq;
}
