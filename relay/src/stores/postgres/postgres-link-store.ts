import { crmObjectTypeSchema } from '@synaptiq/shared';
import type { CrmLink, CrmObjectType, LinkStore, Page, PageRequest } from '@synaptiq/shared';
import { leadKeyRange } from '../link-keys';
import { decodeCursor, pageSize, toPage } from '../paging';
import { whereAll } from '../where-all';
import type { PostgresDatabase } from './database';
import { linkRowSchema } from './rows';

/** Idempotency keys → CRM records, in PostgreSQL. `key` sorts bytewise (COLLATE "C"), like the key ranges expect. */
export class PostgresLinkStore implements LinkStore {
  constructor(private readonly db: PostgresDatabase) {}

  async getMany(workspaceId: string, keys: string[]): Promise<Map<string, CrmLink>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db.rows('SELECT * FROM links WHERE workspace_id = :workspace_id AND key = ANY(:keys::text[])', {
      workspace_id: workspaceId,
      keys,
    });
    return new Map(rows.map(toLink).map((link) => [link.key, link]));
  }

  async forLead(workspaceId: string, leadId: string): Promise<CrmLink[]> {
    const rows = await this.db.rows('SELECT * FROM links WHERE workspace_id = :workspace_id AND key >= :from AND key < :to ORDER BY key', {
      workspace_id: workspaceId,
      ...leadKeyRange(leadId),
    });
    return rows.map(toLink);
  }

  /** One statement for the whole batch; a key given twice keeps its last link. */
  async put(workspaceId: string, links: CrmLink[]): Promise<void> {
    if (links.length === 0) return;
    const last = new Map(links.map((link) => [link.key, link]));
    const rows = [...last.values()].map((link) => ({
      key: link.key,
      object_type: crmObjectTypeSchema.parse(link.object_type),
      crm_id: link.crm_id,
      url: link.url ?? null,
    }));
    await this.db.run(
      `INSERT INTO links (workspace_id, key, object_type, crm_id, url)
       SELECT :workspace_id, r.key, r.object_type, r.crm_id, r.url
       FROM jsonb_to_recordset(:rows::jsonb) AS r(key text, object_type text, crm_id text, url text)
       ON CONFLICT (workspace_id, key) DO UPDATE SET object_type = excluded.object_type, crm_id = excluded.crm_id, url = excluded.url`,
      { workspace_id: workspaceId, rows: JSON.stringify(rows) },
    );
  }

  /** In key order. */
  async listByType(workspaceId: string, objectType: CrmObjectType, page: PageRequest): Promise<Page<CrmLink>> {
    const limit = pageSize(page);
    const after = decodeCursor(page.cursor, 'key');
    const { where, params } = whereAll([
      ['workspace_id = :workspace_id AND object_type = :object_type', { workspace_id: workspaceId, object_type: objectType }],
      after !== null && ['key > :after', { after: after[0] }],
    ]);
    const rows = await this.db.rows(`SELECT * FROM links WHERE ${where} ORDER BY key LIMIT :limit`, { ...params, limit: limit + 1 });
    return toPage(rows.map(toLink), limit, (link) => [link.key]);
  }

  async findByCrmId(workspaceId: string, objectType: CrmObjectType, crmId: string): Promise<CrmLink | undefined> {
    const [row] = await this.db.rows(
      'SELECT * FROM links WHERE workspace_id = :workspace_id AND object_type = :object_type AND crm_id = :crm_id ORDER BY key LIMIT 1',
      { workspace_id: workspaceId, object_type: objectType, crm_id: crmId },
    );
    return row === undefined ? undefined : toLink(row);
  }
}

function toLink(row: unknown): CrmLink {
  const parsed = linkRowSchema.parse(row);
  return { key: parsed.key, object_type: parsed.object_type, crm_id: parsed.crm_id, url: parsed.url };
}
