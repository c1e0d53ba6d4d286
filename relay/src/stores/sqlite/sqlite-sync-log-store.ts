import type { Page, PageRequest, SyncLogEntry, SyncLogFilter, SyncLogStore } from '@synaptiq/shared';
import { decodeCursor, pageSize, toPage } from '../paging';
import { normalizedSyncLogEntry, normalizedSyncLogFilter } from '../sync-log-rules';
import { utcIso } from '../times';
import type { Row, SqliteDatabase } from './database';
import { whereAll } from './conditions';
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
    const after = decodeCursor(page.cursor, 'timeSeq');
    const { since, until } = normalizedSyncLogFilter(filter);
    const { where, params } = whereAll([
      ['workspace_id = :workspace_id', { workspace_id: workspaceId }],
      filter.status !== undefined && ['status = :status', { status: filter.status }],
      filter.record_type !== undefined && ['record_type = :record_type', { record_type: filter.record_type }],
      filter.lead_id !== undefined && ['lead_id = :lead_id', { lead_id: filter.lead_id }],
      since !== undefined && ['at >= :since', { since }],
      until !== undefined && ['at < :until', { until }],
      after !== null && ['(at < :after_at OR (at = :after_at AND seq < :after_seq))', { after_at: after[0], after_seq: after[1] }],
    ]);
    const rows = this.db.all(`SELECT * FROM sync_log WHERE ${where} ORDER BY at DESC, seq DESC LIMIT :limit`, { ...params, limit: limit + 1 });
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
