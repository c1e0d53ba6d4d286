import { crmObjectTypeSchema } from '@synaptiq/shared';
import type { CrmLink, CrmObjectType, LinkStore, Page, PageRequest } from '@synaptiq/shared';
import { linksByTypeQuery } from '../sql/list-queries';
import { linkStatements } from '../sql/statements';
import type { PostgresDatabase } from './database';
import { postgresDialect } from './rows';

const toLink = postgresDialect.records.link;

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
    const { sql, params } = linkStatements.forLead(workspaceId, leadId);
    return (await this.db.rows(sql, params)).map(toLink);
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
    const query = linksByTypeQuery(postgresDialect, workspaceId, objectType, page);
    return query.page(await this.db.rows(query.sql, query.params));
  }

  async findByCrmId(workspaceId: string, objectType: CrmObjectType, crmId: string): Promise<CrmLink | undefined> {
    const { sql, params } = linkStatements.findByCrmId(workspaceId, objectType, crmId);
    const [row] = await this.db.rows(sql, params);
    return row === undefined ? undefined : toLink(row);
  }
}
