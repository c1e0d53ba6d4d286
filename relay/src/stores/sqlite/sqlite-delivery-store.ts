import type { DeliveryAttempt, DeliveryStore, Page, PageRequest } from '@synaptiq/shared';
import { newDelivery } from '../delivery-rules';
import type { DeliveryFilter, DeliveryMessage, DeliveryOutcome } from '../delivery-rules';
import { deliveryListQuery } from '../sql/list-queries';
import { deliveryStatements } from '../sql/statements';
import { utcIso } from '../times';
import type { SqliteDatabase } from './database';
import { sqliteDialect } from './rows';

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
    const { sql, params } = deliveryStatements.record(id, outcome, now);
    this.db.run(sql, params);
  }

  /** Newest first. */
  async list(workspaceId: string, filter: DeliveryFilter, page: PageRequest): Promise<Page<DeliveryAttempt>> {
    const query = deliveryListQuery(sqliteDialect, workspaceId, filter, page);
    return query.page(this.db.all(query.sql, query.params));
  }

  async get(workspaceId: string, id: string): Promise<DeliveryAttempt | undefined> {
    const { sql, params } = deliveryStatements.get(workspaceId, id);
    const row = this.db.get(sql, params);
    return row === undefined ? undefined : toDelivery(row);
  }

  async replay(workspaceId: string, id: string, now: string): Promise<boolean> {
    const { sql, params } = deliveryStatements.replay(workspaceId, id, now);
    return this.db.run(sql, params) === 1;
  }
}

const toDelivery = (row: unknown): DeliveryAttempt => sqliteDialect.records.delivery(row).item;
