import type { DeliveryAttempt, DeliveryStore, Page, PageRequest } from '@synaptiq/shared';
import { newDelivery } from '../delivery-rules';
import type { DeliveryFilter, DeliveryMessage, DeliveryOutcome } from '../delivery-rules';
import { decodeCursor, pageSize, toPage } from '../paging';
import { utcIso, utcIsoOrNull } from '../times';
import type { Row, SqliteDatabase } from './database';
import { whereAll } from './conditions';
import { deliveryRowSchema } from './rows';

const due = `status IN ('pending', 'failed') AND (next_attempt_at IS NULL OR next_attempt_at <= :now)`;

/** Outbound webhook messages in SQLite; the rules are in ../delivery-rules.ts. */
export class SqliteDeliveryStore implements DeliveryStore {
  constructor(private readonly db: SqliteDatabase) {}

  async enqueue(messages: DeliveryMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const deliveries = messages.map(newDelivery);
    this.db.transaction(() => {
      for (const delivery of deliveries) {
        this.db.run(
          `INSERT INTO deliveries (id, workspace_id, subscription_id, message_id, event, payload, attempt, status, response_status, error,
             next_attempt_at, created_at, updated_at)
           VALUES (:id, :workspace_id, :subscription_id, :message_id, :event, :payload, :attempt, :status, :response_status, :error,
             :next_attempt_at, :created_at, :updated_at)
           ON CONFLICT (id) DO NOTHING`,
          { ...delivery, payload: JSON.stringify(delivery.payload ?? null) },
        );
      }
    });
  }

  async claimDue(now: string, limit: number, leaseUntil: string): Promise<DeliveryAttempt[]> {
    if (limit < 1) return [];
    const at = utcIso(now, 'now');
    const lease = utcIso(leaseUntil, 'leaseUntil');
    return this.db.transaction(() =>
      this.db
        .all(`SELECT seq FROM deliveries INDEXED BY deliveries_due WHERE ${due} ORDER BY seq LIMIT :limit`, { now: at, limit: Math.trunc(limit) })
        .map((row) =>
          toDelivery(
            this.db.get(
              `UPDATE deliveries SET attempt = attempt + 1, next_attempt_at = :lease, updated_at = :now WHERE seq = :seq RETURNING *`,
              { seq: Number(row.seq), lease, now: at },
            ),
          ),
        ),
    );
  }

  async record(id: string, outcome: DeliveryOutcome, now: string): Promise<void> {
    this.db.run(
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
    const rows = this.db.all(`SELECT * FROM deliveries WHERE ${where} ORDER BY seq DESC LIMIT :limit`, { ...params, limit: limit + 1 });
    const result = toPage(rows.map((row) => ({ seq: Number(row.seq), delivery: toDelivery(row) })), limit, (item) => [item.seq]);
    return { items: result.items.map((item) => item.delivery), next_cursor: result.next_cursor };
  }

  async get(workspaceId: string, id: string): Promise<DeliveryAttempt | undefined> {
    const row = this.db.get('SELECT * FROM deliveries WHERE workspace_id = :workspace_id AND id = :id', { workspace_id: workspaceId, id });
    return row === undefined ? undefined : toDelivery(row);
  }

  async replay(workspaceId: string, id: string, now: string): Promise<boolean> {
    const at = utcIso(now, 'now');
    const changes = this.db.run(
      `UPDATE deliveries SET status = 'pending', attempt = 0, next_attempt_at = :now, updated_at = :now
       WHERE workspace_id = :workspace_id AND id = :id`,
      { workspace_id: workspaceId, id, now: at },
    );
    return changes === 1;
  }
}

function toDelivery(row: Row | undefined): DeliveryAttempt {
  const { seq: _seq, ...delivery } = deliveryRowSchema.parse(row);
  return delivery;
}
