import type { Page, PageRequest, SyncLogEntry, SyncLogFilter, SyncLogStore } from '@synaptiq/shared';
import { syncLogListQuery } from '../sql/list-queries';
import { jsonText } from '../sql/row-schemas';
import { syncLogStatements } from '../sql/statements';
import { normalizedSyncLogEntry } from '../sync-log-rules';
import type { SqliteDatabase } from './database';
import { sqliteDialect } from './rows';

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
          { ...entry, error: jsonText(entry.error) },
        );
      }
    });
  }

  /** Newest first by `at` (then by append order); since ≤ at < until. */
  async list(workspaceId: string, filter: SyncLogFilter, page: PageRequest): Promise<Page<SyncLogEntry>> {
    const query = syncLogListQuery(sqliteDialect, workspaceId, filter, page);
    return query.page(this.db.all(query.sql, query.params));
  }

  async prune(before: string): Promise<number> {
    const { sql, params } = syncLogStatements.prune(before);
    return this.db.run(sql, params);
  }
}
