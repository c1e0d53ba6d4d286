import type { DeliveryAttempt, DeliveryStore, Page, PageRequest } from '@synaptiq/shared';
import { newDelivery } from '../delivery-rules';
import type { DeliveryFilter, DeliveryMessage, DeliveryOutcome } from '../delivery-rules';
import { deliveryListQuery } from '../sql/list-queries';
import { deliveryStatements } from '../sql/statements';
import { utcIso } from '../times';
import type { PostgresDatabase } from './database';
import { postgresDialect } from './rows';

/** Outbound webhook messages in PostgreSQL; the rules are in ../delivery-rules.ts. */
export class PostgresDeliveryStore implements DeliveryStore {
  constructor(private readonly db: PostgresDatabase) {}

  async enqueue(messages: DeliveryMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const deliveries = messages.map(newDelivery).map((delivery) => ({ ...delivery, payload: delivery.payload ?? null }));
    await this.db.run(
      `INSERT INTO deliveries (id, workspace_id, subscription_id, message_id, event, payload, attempt, status, response_status, error,
         next_attempt_at, created_at, updated_at)
       SELECT r.id, r.workspace_id, r.subscription_id, r.message_id, r.event, COALESCE(r.payload, 'null'::jsonb), r.attempt, r.status,
         r.response_status, r.error, r.next_attempt_at, r.created_at, r.updated_at
       FROM jsonb_array_elements(:deliveries::jsonb) WITH ORDINALITY AS item(value, ord), jsonb_to_record(item.value) AS r(id text, workspace_id text, subscription_id text, message_id text,
         event text, payload jsonb, attempt integer, status text, response_status integer, error text, next_attempt_at timestamptz,
         created_at timestamptz, updated_at timestamptz)
       ORDER BY item.ord
       ON CONFLICT (id) DO NOTHING`,
      { deliveries: JSON.stringify(deliveries) },
    );
  }

  /** Safe with many instances: a message locked by one claimer is skipped by the others (SKIP LOCKED). */
  async claimDue(now: string, limit: number, leaseUntil: string): Promise<DeliveryAttempt[]> {
    if (limit < 1) return [];
    const rows = await this.db.rows(
      `WITH picked AS (
         SELECT seq FROM deliveries
         WHERE status IN ('pending', 'failed') AND (next_attempt_at IS NULL OR next_attempt_at <= :now)
         ORDER BY seq LIMIT :limit
         FOR UPDATE SKIP LOCKED)
       UPDATE deliveries SET attempt = attempt + 1, next_attempt_at = :lease, updated_at = :now
       FROM picked WHERE deliveries.seq = picked.seq
       RETURNING deliveries.*`,
      { now: utcIso(now, 'now'), lease: utcIso(leaseUntil, 'leaseUntil'), limit: Math.trunc(limit) },
    );
    return rows.map(postgresDialect.records.delivery).sort((a, b) => a.seq - b.seq).map((entry) => entry.item);
  }

  async record(id: string, outcome: DeliveryOutcome, now: string): Promise<void> {
    const { sql, params } = deliveryStatements.record(id, outcome, now);
    await this.db.run(sql, params);
  }

  /** Newest first. */
  async list(workspaceId: string, filter: DeliveryFilter, page: PageRequest): Promise<Page<DeliveryAttempt>> {
    const query = deliveryListQuery(postgresDialect, workspaceId, filter, page);
    return query.page(await this.db.rows(query.sql, query.params));
  }

  async get(workspaceId: string, id: string): Promise<DeliveryAttempt | undefined> {
    const { sql, params } = deliveryStatements.get(workspaceId, id);
    const [row] = await this.db.rows(sql, params);
    return row === undefined ? undefined : postgresDialect.records.delivery(row).item;
  }

  async replay(workspaceId: string, id: string, now: string): Promise<boolean> {
    const { sql, params } = deliveryStatements.replay(workspaceId, id, now);
    return (await this.db.run(sql, params)) === 1;
  }
}
