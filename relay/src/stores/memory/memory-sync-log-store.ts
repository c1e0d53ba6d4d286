import type { Page, PageRequest, SyncLogEntry, SyncLogFilter, SyncLogStore } from '@synaptiq/shared';
import { matchesSyncLogFilter, normalizedSyncLogEntry } from '../sync-log-rules';
import { utcIso } from '../times';
import { memoryPage } from './memory-paging';

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
    const matching = this.#entries.filter(({ entry }) => entry.workspace_id === workspaceId && matchesSyncLogFilter(entry, filter));
    const result = memoryPage(matching, page, { key: (item) => [item.entry.at, item.seq], cursor: 'timeSeq', order: 'desc' });
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
