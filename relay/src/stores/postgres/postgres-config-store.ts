import { subscriptionSchema, workspaceSchema } from '@synaptiq/shared';
import type { ConfigStore, Subscription, Workspace } from '@synaptiq/shared';
import type { PostgresDatabase } from './database';
import { jsonText } from '../sql/row-schemas';

/**
 * Workspaces and subscriptions in PostgreSQL, one JSON document each, validated with the shared zod schemas
 * on the way in and out. Unlike the lowdb store nothing is cached: every instance reads what any other saved.
 */
export class PostgresConfigStore implements ConfigStore {
  constructor(private readonly db: PostgresDatabase) {}

  async listWorkspaces(): Promise<Workspace[]> {
    const rows = await this.db.rows('SELECT document FROM workspaces ORDER BY seq');
    return rows.map((row) => workspaceSchema.parse(row.document));
  }

  async getWorkspace(id: string): Promise<Workspace | undefined> {
    const [row] = await this.db.rows('SELECT document FROM workspaces WHERE id = :id', { id });
    return row === undefined ? undefined : workspaceSchema.parse(row.document);
  }

  async findWorkspaceByApiKeyHash(hash: string): Promise<Workspace | undefined> {
    const [row] = await this.db.rows(`SELECT document FROM workspaces WHERE document -> 'api_keys' @> :probe::jsonb ORDER BY seq LIMIT 1`, {
      probe: JSON.stringify([{ hash }]),
    });
    return row === undefined ? undefined : workspaceSchema.parse(row.document);
  }

  async saveWorkspace(workspace: Workspace): Promise<void> {
    const valid = workspaceSchema.parse(workspace);
    // last_batch_at never goes back: a save built from a copy read before another instance's scheduled run
    // (coordination/batch-schedule.ts) must not make that run due again.
    await this.db.run(
      `INSERT INTO workspaces (id, document) VALUES (:id, :document)
       ON CONFLICT (id) DO UPDATE SET
         document = CASE
           WHEN (workspaces.document #>> '{status,last_batch_at}') > COALESCE(excluded.document #>> '{status,last_batch_at}', '')
           THEN jsonb_set(excluded.document, '{status,last_batch_at}', workspaces.document #> '{status,last_batch_at}')
           ELSE excluded.document END,
         version = workspaces.version + 1,
         updated_at = now()`,
      { id: valid.id, document: jsonText(valid) },
    );
  }

  async listSubscriptions(workspaceId: string): Promise<Subscription[]> {
    const rows = await this.db.rows('SELECT document FROM subscriptions WHERE workspace_id = :workspace_id ORDER BY seq', {
      workspace_id: workspaceId,
    });
    return rows.map((row) => subscriptionSchema.parse(row.document));
  }

  async saveSubscription(subscription: Subscription): Promise<void> {
    const valid = subscriptionSchema.parse(subscription);
    await this.db.run(
      `INSERT INTO subscriptions (workspace_id, id, document) VALUES (:workspace_id, :id, :document)
       ON CONFLICT (workspace_id, id) DO UPDATE SET document = excluded.document`,
      { workspace_id: valid.workspace_id, id: valid.id, document: jsonText(valid) },
    );
  }

  async deleteSubscription(workspaceId: string, id: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM subscriptions WHERE workspace_id = :workspace_id AND id = :id', { workspace_id: workspaceId, id })) === 1;
  }
}
