import { crmObjectTypeSchema } from '@synaptiq/shared';
import type { CrmLink, CrmObjectType, LinkStore, Page, PageRequest } from '@synaptiq/shared';
import { linksByTypeQuery } from '../sql/list-queries';
import { linkStatements } from '../sql/statements';
import type { SqliteDatabase } from './database';
import { sqliteDialect } from './rows';

const toLink = sqliteDialect.records.link;

/** Idempotency keys → CRM records, in SQLite. */
export class SqliteLinkStore implements LinkStore {
  constructor(private readonly db: SqliteDatabase) {}

  async getMany(workspaceId: string, keys: string[]): Promise<Map<string, CrmLink>> {
    if (keys.length === 0) return new Map();
    const rows = this.db.all(
      'SELECT * FROM links WHERE workspace_id = :workspace_id AND key IN (SELECT value FROM json_each(:keys))',
      { workspace_id: workspaceId, keys: JSON.stringify(keys) },
    );
    return new Map(rows.map(toLink).map((link) => [link.key, link]));
  }

  async forLead(workspaceId: string, leadId: string): Promise<CrmLink[]> {
    const { sql, params } = linkStatements.forLead(workspaceId, leadId);
    return this.db.all(sql, params).map(toLink);
  }

  async put(workspaceId: string, links: CrmLink[]): Promise<void> {
    if (links.length === 0) return;
    this.db.transaction(() => {
      for (const link of links) {
        this.db.run(
          `INSERT INTO links (workspace_id, key, object_type, crm_id, url) VALUES (:workspace_id, :key, :object_type, :crm_id, :url)
           ON CONFLICT (workspace_id, key) DO UPDATE SET object_type = excluded.object_type, crm_id = excluded.crm_id, url = excluded.url`,
          {
            workspace_id: workspaceId,
            key: link.key,
            object_type: crmObjectTypeSchema.parse(link.object_type),
            crm_id: link.crm_id,
            url: link.url ?? null,
          },
        );
      }
    });
  }

  /** In key order. */
  async listByType(workspaceId: string, objectType: CrmObjectType, page: PageRequest): Promise<Page<CrmLink>> {
    const query = linksByTypeQuery(sqliteDialect, workspaceId, objectType, page);
    return query.page(this.db.all(query.sql, query.params));
  }

  async findByCrmId(workspaceId: string, objectType: CrmObjectType, crmId: string): Promise<CrmLink | undefined> {
    const { sql, params } = linkStatements.findByCrmId(workspaceId, objectType, crmId);
    const row = this.db.get(sql, params);
    return row === undefined ? undefined : toLink(row);
  }
}
