import type { Page, PageRequest, SyncLogEntry, SyncLogFilter, SyncLogStore } from '@synaptiq/shared';
import { decodeCursor, pageSize, toPage } from '../paging';
import { normalizedSyncLogEntry, normalizedSyncLogFilter } from '../sync-log-rules';
import { utcIso } from '../times';
import { whereAll } from '../where-all';
import type { PostgresDatabase } from './database';
import { syncLogRowSchema } from './rows';

/** The sync log in PostgreSQL: append-only, newest first, pruned by age. */
export class PostgresSyncLogStore implements SyncLogStore {
  constructor(private readonly db: PostgresDatabase) {}

  /** All entries in one statement, in the given order; an entry id seen before in its workspace is ignored. */
  async append(entries: SyncLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const valid = entries.map(normalizedSyncLogEntry);
    await this.db.run(
      `INSERT INTO sync_log (id, workspace_id, at, event_id, lead_id, record_type, action, status, crm_id, crm_url, error, message, retry_count)
       SELECT r.id, r.workspace_id, r.at, r.event_id, r.lead_id, r.record_type, r.action, r.status, r.crm_id, r.crm_url, r.error, r.message, r.retry_count
       FROM jsonb_array_elements(:entries::jsonb) WITH ORDINALITY AS item(value, ord), jsonb_to_record(item.value) AS r(id text, workspace_id text, at timestamptz, event_id text, lead_id text,
         record_type text, action text, status text, crm_id text, crm_url text, error jsonb, message text, retry_count integer)
       ORDER BY item.ord
       ON CONFLICT (workspace_id, id) DO NOTHING`,
      { entries: JSON.stringify(valid) },
    );
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
      after !== null && ['(at, seq) < (:after_at::timestamptz, :after_seq::bigint)', { after_at: after[0], after_seq: after[1] }],
    ]);
    const rows = await this.db.rows(`SELECT * FROM sync_log WHERE ${where} ORDER BY at DESC, seq DESC LIMIT :limit`, { ...params, limit: limit + 1 });
    const result = toPage(rows.map(toEntry), limit, (item) => [item.entry.at, item.seq]);
    return { items: result.items.map((item) => item.entry), next_cursor: result.next_cursor };
  }

  async prune(before: string): Promise<number> {
    return this.db.run('DELETE FROM sync_log WHERE at < :before', { before: utcIso(before, 'before') });
  }
}

function toEntry(row: unknown): { seq: number; entry: SyncLogEntry } {
  const { seq, ...entry } = syncLogRowSchema.parse(row);
  return { seq, entry };
}
