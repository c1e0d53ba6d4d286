import type { Page, PageRequest, SyncLogEntry, SyncLogFilter, SyncLogStore } from '@synaptiq/shared';
import { decodeCursor, pageSize, toPage } from '../paging';
import { normalizedSyncLogEntry, normalizedSyncLogFilter } from '../sync-log-rules';
import { utcIso } from '../times';
import type { Row, SqliteDatabase } from './database';
import { syncLogRowSchema, toJson } from './rows';

/** The sync log in SQLite: append-only, newest first, pruned by age. */
export class SqliteSyncLogStore implements SyncLogStore {
  constructor(private readonly db: SqliteDatabase) {}

  /** All entries in one transaction; an entry id seen before in its workspace is ignored. */
  async append(entries: SyncLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const valid = entries.map(normalizedSyncLogEntry);
    this.db.transaction(() => {
      for (const entry of valid) {
        this.db.run(
          `INSERT INTO sync_log (id, workspace_id, at, event_id, lead_id, record_type, action, status, crm_id, crm_url, error, message, retry_count)
           VALUES (:id, :workspace_id, :at, :event_id, :lead_id, :record_type, :action, :status, :crm_id, :crm_url, :error, :message, :retry_count)
           ON CONFLICT (workspace_id, id) DO NOTHING`,
          { ...entry, error: toJson(entry.error) },
        );
      }
    });
  }

  /** Newest first by `at` (then by append order); since ≤ at < until. */
  async list(workspaceId: string, filter: SyncLogFilter, page: PageRequest): Promise<Page<SyncLogEntry>> {
    const limit = pageSize(page);
    const after = decodeCursor(page.cursor, 2);
    const { since, until } = normalizedSyncLogFilter(filter);
    const rows = this.db.all(
      `SELECT * FROM sync_log
       WHERE workspace_id = :workspace_id
         AND (:status IS NULL OR status = :status)
         AND (:record_type IS NULL OR record_type = :record_type)
         AND (:lead_id IS NULL OR lead_id = :lead_id)
         AND (:since IS NULL OR at >= :since)
         AND (:until IS NULL OR at < :until)
         AND (:after_at IS NULL OR at < :after_at OR (at = :after_at AND seq < :after_seq))
       ORDER BY at DESC, seq DESC LIMIT :limit`,
      {
        workspace_id: workspaceId,
        status: filter.status ?? null,
        record_type: filter.record_type ?? null,
        lead_id: filter.lead_id ?? null,
        since: since ?? null,
        until: until ?? null,
        after_at: after?.[0] ?? null,
        after_seq: after?.[1] ?? null,
        limit: limit + 1,
      },
    );
    const result = toPage(rows.map(toEntry), limit, (item) => [item.entry.at, item.seq]);
    return { items: result.items.map((item) => item.entry), next_cursor: result.next_cursor };
  }

  async prune(before: string): Promise<number> {
    return this.db.run('DELETE FROM sync_log WHERE at < :before', { before: utcIso(before, 'before') });
  }
}

function toEntry(row: Row): { seq: number; entry: SyncLogEntry } {
  const { seq, ...entry } = syncLogRowSchema.parse(row);
  return { seq, entry };
}
