import { crmObjectTypeSchema } from '@synaptiq/shared';
import type { CrmLink, CrmObjectType, LinkStore, Page, PageRequest } from '@synaptiq/shared';
import { leadKeyRange } from '../link-keys';
import { decodeCursor, pageSize, toPage } from '../paging';
import type { Row, SqliteDatabase } from './database';
import { whereAll } from './conditions';
import { linkRowSchema } from './rows';

/** Idempotency keys → CRM records, in SQLite. */
export class SqliteLinkStore implements LinkStore {
  constructor(private readonly db: SqliteDatabase) {}

  async getMany(workspaceId: string, keys: string[]): Promise<Map<string, CrmLink>> {
    if (keys.length === 0) return new Map();
    const rows = this.db.all(
      'SELECT * FROM links WHERE workspace_id = :workspace_id AND key IN (SELECT value FROM json_each(:keys))',
      { workspace_id: workspaceId, keys: JSON.stringify(keys) },
    );
    return new Map(rows.map((row) => toLink(row)).map((link) => [link.key, link]));
  }

  async forLead(workspaceId: string, leadId: string): Promise<CrmLink[]> {
    const range = leadKeyRange(leadId);
    return this.db
      .all('SELECT * FROM links WHERE workspace_id = :workspace_id AND key >= :from AND key < :to ORDER BY key', {
        workspace_id: workspaceId,
        ...range,
      })
      .map(toLink);
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
    const limit = pageSize(page);
    const after = decodeCursor(page.cursor, 'key');
    const { where, params } = whereAll([
      ['workspace_id = :workspace_id AND object_type = :object_type', { workspace_id: workspaceId, object_type: objectType }],
      after !== null && ['key > :after', { after: after[0] }],
    ]);
    const rows = this.db.all(`SELECT * FROM links WHERE ${where} ORDER BY key LIMIT :limit`, { ...params, limit: limit + 1 });
    return toPage(rows.map(toLink), limit, (link) => [link.key]);
  }

  async findByCrmId(workspaceId: string, objectType: CrmObjectType, crmId: string): Promise<CrmLink | undefined> {
    const row = this.db.get(
      'SELECT * FROM links WHERE workspace_id = :workspace_id AND object_type = :object_type AND crm_id = :crm_id ORDER BY key LIMIT 1',
      { workspace_id: workspaceId, object_type: objectType, crm_id: crmId },
    );
    return row === undefined ? undefined : toLink(row);
  }
}

function toLink(row: Row): CrmLink {
  const parsed = linkRowSchema.parse(row);
  return { key: parsed.key, object_type: parsed.object_type, crm_id: parsed.crm_id, url: parsed.url };
}
