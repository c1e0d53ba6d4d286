import { synaptiqEventSchema } from '@synaptiq/shared';
import type { EventFilter, EventStatus, EventStore, Page, PageRequest, StoredEvent, SyncErrorJson, SynaptiqEvent } from '@synaptiq/shared';
import { zeroCounts } from '../event-rules';
import { eventListQuery } from '../sql/list-queries';
import { eventStatements } from '../sql/statements';
import type { Statement } from '../sql/statements';
import { utcIso } from '../times';
import type { SqliteDatabase } from './database';
import { eventRowSchema, sqliteDialect } from './rows';
import type { SqliteLeadStore } from './sqlite-lead-store';

const unfinished = `('pending', 'processing', 'failed')`;

/** The event journal and work queue in SQLite; the queue rules are in ../event-rules.ts. */
export class SqliteEventStore implements EventStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly leads: SqliteLeadStore,
  ) {}

  /** Durable when it resolves: it shares the COMMIT (fsynced WAL, see database.ts) of the appends of this event-loop turn. */
  async append(workspaceId: string, event: SynaptiqEvent, receivedAt: string): Promise<{ inserted: boolean }> {
    const insert = this.#prepareInsert(workspaceId, event, receivedAt);
    return this.db.groupWrite(() => ({ inserted: insert() }));
  }

  /** append, and on insert the lead snapshot upsert, in the same group transaction: one shared commit per event. */
  async appendWithLead(workspaceId: string, event: SynaptiqEvent, receivedAt: string): Promise<{ inserted: boolean }> {
    const insert = this.#prepareInsert(workspaceId, event, receivedAt);
    const upsertLead = this.leads.prepareUpsert(workspaceId, event.data.lead, receivedAt);
    return this.db.groupWrite(() => {
      const inserted = insert();
      if (inserted) upsertLead();
      return { inserted };
    });
  }

  /** Validates now (a bad event must not fail its group) and returns the insert, true when the id was new. */
  #prepareInsert(workspaceId: string, event: SynaptiqEvent, receivedAt: string): () => boolean {
    const valid = synaptiqEventSchema.parse(event);
    const at = utcIso(receivedAt, 'receivedAt');
    const params = { workspace_id: workspaceId, event_id: valid.id, type: valid.type, lead_id: valid.data.lead.id, payload: JSON.stringify(valid), at };
    // ON CONFLICT DO NOTHING also answers a second append of one id within the same group: it sees the first.
    return () =>
      this.db.run(
        `INSERT INTO events (workspace_id, event_id, type, lead_id, payload, received_at, status, updated_at)
         VALUES (:workspace_id, :event_id, :type, :lead_id, :payload, :at, 'pending', :at)
         ON CONFLICT (workspace_id, event_id) DO NOTHING`,
        params,
      ) === 1;
  }

  async claim(options: { workspaceIds: string[]; now: string; limit: number; leaseUntil: string }): Promise<StoredEvent[]> {
    if (options.workspaceIds.length === 0 || options.limit < 1) return [];
    const now = utcIso(options.now, 'now');
    const leaseUntil = utcIso(options.leaseUntil, 'leaseUntil');
    return this.db.transaction(() => {
      // The head of each lead is its earliest unfinished event; only heads are claimable, which
      // gives both "never two of one lead at once" and "never a later one before an earlier one".
      const heads = this.db.all(
        `SELECT e.seq FROM events e
         JOIN (SELECT MIN(seq) AS seq FROM events INDEXED BY events_unfinished
               WHERE workspace_id IN (SELECT value FROM json_each(:workspace_ids)) AND status IN ${unfinished}
               GROUP BY workspace_id, lead_id) head ON head.seq = e.seq
         WHERE e.status = 'pending'
            OR (e.status = 'failed' AND e.next_attempt_at <= :now)
            OR (e.status = 'processing' AND e.lease_until <= :now)
         ORDER BY e.seq
         LIMIT :limit`,
        { workspace_ids: JSON.stringify(options.workspaceIds), now, limit: Math.trunc(options.limit) },
      );
      return heads.map((head) => {
        const row = this.db.get(
          `UPDATE events SET status = 'processing', lease_until = :lease_until, attempts = attempts + 1, updated_at = :now
           WHERE seq = :seq RETURNING *`,
          { seq: Number(head.seq), lease_until: leaseUntil, now },
        );
        return sqliteDialect.records.event(row).item;
      });
    });
  }

  async complete(workspaceId: string, eventIds: string[], status: 'synced' | 'skipped', now: string): Promise<void> {
    const at = utcIso(now, 'now');
    this.#forEach(eventIds, (eventId) =>
      this.db.run(
        `UPDATE events SET status = :status, next_attempt_at = NULL, lease_until = NULL, updated_at = :at
         WHERE workspace_id = :workspace_id AND event_id = :event_id`,
        { status, at, workspace_id: workspaceId, event_id: eventId },
      ),
    );
  }

  async fail(workspaceId: string, eventId: string, error: SyncErrorJson, nextAttemptAt: string | null, now: string): Promise<void> {
    this.#run(eventStatements.fail(workspaceId, eventId, error, nextAttemptAt, now));
  }

  async release(workspaceId: string, eventIds: string[], now: string): Promise<void> {
    const at = utcIso(now, 'now');
    this.#forEach(eventIds, (eventId) =>
      this.db.run(
        `UPDATE events SET status = 'pending', next_attempt_at = NULL, lease_until = NULL, updated_at = :at,
           attempts = CASE status WHEN 'processing' THEN MAX(attempts - 1, 0) ELSE 0 END
         WHERE workspace_id = :workspace_id AND event_id = :event_id AND status <> 'pending'`,
        { at, workspace_id: workspaceId, event_id: eventId },
      ),
    );
  }

  /**
   * Ends every lease still running at `now`, so those `processing` events are due at once. Only for a relay
   * starting on a data dir it alone owns: the claims are its dead predecessor's (kill -9, power loss). The
   * attempt each claim counted stays counted, exactly as when the lease runs out. Returns how many.
   */
  async expireLeases(now: string): Promise<number> {
    const at = utcIso(now, 'now');
    return this.db.run(`UPDATE events SET lease_until = :at WHERE status = 'processing' AND lease_until > :at`, { at });
  }

  async get(workspaceId: string, eventId: string): Promise<StoredEvent | undefined> {
    const { sql, params } = eventStatements.get(workspaceId, eventId);
    const row = this.db.get(sql, params);
    return row === undefined ? undefined : sqliteDialect.records.event(row).item;
  }

  /** Newest first (received order). */
  async list(workspaceId: string, filter: EventFilter, page: PageRequest): Promise<Page<StoredEvent>> {
    const query = eventListQuery(sqliteDialect, workspaceId, filter, page);
    return query.page(this.db.all(query.sql, query.params));
  }

  async countByStatus(workspaceId: string): Promise<Record<EventStatus, number>> {
    const counts = zeroCounts();
    for (const row of this.db.all('SELECT status, COUNT(*) AS count FROM events WHERE workspace_id = :workspace_id GROUP BY status', {
      workspace_id: workspaceId,
    })) {
      const parsed = eventRowSchema.shape.status.parse(row.status);
      counts[parsed] = Number(row.count);
    }
    return counts;
  }

  async oldestPendingAt(workspaceId: string): Promise<string | null> {
    const row = this.db.get(
      `SELECT MIN(received_at) AS oldest FROM events WHERE workspace_id = :workspace_id AND status IN ${unfinished}`,
      { workspace_id: workspaceId },
    );
    return typeof row?.oldest === 'string' ? row.oldest : null;
  }

  async prune(before: string): Promise<number> {
    return this.#run(eventStatements.prune(before));
  }

  #run({ sql, params }: Statement): number {
    return this.db.run(sql, params);
  }

  /** One transaction (one fsync) for a batch of ids. */
  #forEach(ids: string[], update: (id: string) => number): void {
    if (ids.length === 0) return;
    this.db.transaction(() => ids.forEach(update));
  }
}
