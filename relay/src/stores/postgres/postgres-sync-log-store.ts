import type { Page, PageRequest, SyncLogEntry, SyncLogFilter, SyncLogStore } from '@synaptiq/shared';
import { syncLogListQuery } from '../sql/list-queries';
import { syncLogStatements } from '../sql/statements';
import { normalizedSyncLogEntry } from '../sync-log-rules';
import type { PostgresDatabase } from './database';
import { postgresDialect } from './rows';

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
    const query = syncLogListQuery(postgresDialect, workspaceId, filter, page);
    return query.page(await this.db.rows(query.sql, query.params));
  }

  async prune(before: string): Promise<number> {
    const { sql, params } = syncLogStatements.prune(before);
    return this.db.run(sql, params);
  }
}
