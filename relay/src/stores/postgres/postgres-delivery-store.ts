import type { DeliveryAttempt, DeliveryStore, Page, PageRequest } from '@synaptiq/shared';
import { newDelivery } from '../delivery-rules';
import type { DeliveryFilter, DeliveryMessage, DeliveryOutcome } from '../delivery-rules';
import { decodeCursor, pageSize, toPage } from '../paging';
import { utcIso, utcIsoOrNull } from '../times';
import { whereAll } from '../where-all';
import type { PostgresDatabase } from './database';
import { deliveryRowSchema } from './rows';

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
    return rows.map(toEntry).sort((a, b) => a.seq - b.seq).map((entry) => entry.delivery);
  }

  async record(id: string, outcome: DeliveryOutcome, now: string): Promise<void> {
    await this.db.run(
      `UPDATE deliveries SET status = :status, response_status = :response_status, error = :error, next_attempt_at = :next_attempt_at,
         updated_at = :now WHERE id = :id`,
      {
        id,
        status: outcome.status,
        response_status: outcome.response_status,
        error: outcome.error,
        next_attempt_at: utcIsoOrNull(outcome.next_attempt_at, 'next_attempt_at'),
        now: utcIso(now, 'now'),
      },
    );
  }

  /** Newest first. */
  async list(workspaceId: string, filter: DeliveryFilter, page: PageRequest): Promise<Page<DeliveryAttempt>> {
    const limit = pageSize(page);
    const after = decodeCursor(page.cursor, 'seq');
    const { where, params } = whereAll([
      ['workspace_id = :workspace_id', { workspace_id: workspaceId }],
      filter.subscription_id !== undefined && ['subscription_id = :subscription_id', { subscription_id: filter.subscription_id }],
      filter.status !== undefined && ['status = :status', { status: filter.status }],
      after !== null && ['seq < :after', { after: after[0] }],
    ]);
    const rows = await this.db.rows(`SELECT * FROM deliveries WHERE ${where} ORDER BY seq DESC LIMIT :limit`, { ...params, limit: limit + 1 });
    const result = toPage(rows.map(toEntry), limit, (item) => [item.seq]);
    return { items: result.items.map((item) => item.delivery), next_cursor: result.next_cursor };
  }

  async get(workspaceId: string, id: string): Promise<DeliveryAttempt | undefined> {
    const [row] = await this.db.rows('SELECT * FROM deliveries WHERE workspace_id = :workspace_id AND id = :id', { workspace_id: workspaceId, id });
    return row === undefined ? undefined : toEntry(row).delivery;
  }

  async replay(workspaceId: string, id: string, now: string): Promise<boolean> {
    const changed = await this.db.run(
      `UPDATE deliveries SET status = 'pending', attempt = 0, next_attempt_at = :now, updated_at = :now
       WHERE workspace_id = :workspace_id AND id = :id`,
      { workspace_id: workspaceId, id, now: utcIso(now, 'now') },
    );
    return changed === 1;
  }
}

function toEntry(row: unknown): { seq: number; delivery: DeliveryAttempt } {
  const { seq, ...delivery } = deliveryRowSchema.parse(row);
  return { seq, delivery };
}
