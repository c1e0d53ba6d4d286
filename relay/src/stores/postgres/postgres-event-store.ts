import { synaptiqEventSchema } from '@synaptiq/shared';
import type { Clock, EventFilter, EventStatus, EventStore, Page, PageRequest, StoredEvent, SyncErrorJson, SynaptiqEvent } from '@synaptiq/shared';
import { zeroCounts } from '../event-rules';
import { eventListQuery } from '../sql/list-queries';
import { jsonText } from '../sql/row-schemas';
import { eventStatements } from '../sql/statements';
import type { Statement } from '../sql/statements';
import { utcIso } from '../times';
import type { PostgresDatabase } from './database';
import { eventRowSchema, postgresDialect } from './rows';

const unfinished = `('pending', 'processing', 'failed')`;
/** A row claimable by itself (the lead-head rule is checked apart). Re-checked on the locked row, see claim. */
const due = `(status = 'pending' OR (status = 'failed' AND next_attempt_at <= :now) OR (status = 'processing' AND lease_until <= :now))`;

/**
 * Renewal stops after this long: a batch that ran into a bug and never ended its events must not keep them
 * (the worker's next run could not claim them either); they are claimable again one lease later.
 */
export const maxHoldMs = 10 * 60_000;

export interface LeaseRenewal {
  /** How often the leases of the events this instance holds are pushed forward (a third of the lease fits). */
  everyMs: number;
  clock: Clock;
}

/**
 * The event journal and work queue in PostgreSQL; the queue rules are in ../event-rules.ts. The journal row
 * is the job: append's single INSERT journals and enqueues the event in one transaction.
 *
 * With `renewal`, the store keeps the leases of the events it handed out alive while they are worked on, so
 * the worker can run with a lease of seconds: a crashed instance stops renewing and another one takes its
 * events over once the lease runs out, while a long batch of a live instance is never taken from it.
 */
export class PostgresEventStore implements EventStore {
  /** Events claimed here and not yet ended or released: seq by `workspace␀event id`, their lease length, when claimed. */
  readonly #held = new Map<string, { seq: number; leaseMs: number; since: number }>();
  #renewing: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: PostgresDatabase,
    private readonly renewal?: LeaseRenewal,
  ) {}

  async append(workspaceId: string, event: SynaptiqEvent, receivedAt: string): Promise<{ inserted: boolean }> {
    const valid = synaptiqEventSchema.parse(event);
    const at = utcIso(receivedAt, 'receivedAt');
    // Autocommit: the commit is flushed to the WAL (synchronous_commit = on, the default) before it returns.
    const inserted = await this.db.run(
      `INSERT INTO events (workspace_id, event_id, type, lead_id, payload, received_at, status, updated_at)
       VALUES (:workspace_id, :event_id, :type, :lead_id, :payload, :at, 'pending', :at)
       ON CONFLICT (workspace_id, event_id) DO NOTHING`,
      { workspace_id: workspaceId, event_id: valid.id, type: valid.type, lead_id: valid.data.lead.id, payload: jsonText(valid), at },
    );
    return { inserted: inserted === 1 };
  }

  /**
   * One statement, safe with any number of instances claiming at once:
   * - a candidate is due and the head of its lead: no earlier unfinished event of the same lead exists
   *   (in the statement's snapshot; an event only becomes unfinished again by an explicit replay);
   * - FOR UPDATE SKIP LOCKED passes over rows another instance is claiming right now, and re-checks the
   *   `due` condition on the newest version of each row it locks, so a row claimed and committed by another
   *   instance since the snapshot is dropped, never handed out twice.
   */
  async claim(options: { workspaceIds: string[]; now: string; limit: number; leaseUntil: string }): Promise<StoredEvent[]> {
    if (options.workspaceIds.length === 0 || options.limit < 1) return [];
    const rows = await this.db.rows(
      `WITH picked AS (
         SELECT e.seq FROM events e
         WHERE e.workspace_id = ANY(:workspace_ids::text[]) AND e.status IN ${unfinished} AND ${due}
           AND NOT EXISTS (
             SELECT 1 FROM events earlier
             WHERE earlier.workspace_id = e.workspace_id AND earlier.lead_id = e.lead_id
               AND earlier.seq < e.seq AND earlier.status IN ${unfinished})
         ORDER BY e.seq
         LIMIT :limit
         FOR UPDATE SKIP LOCKED)
       UPDATE events SET status = 'processing', lease_until = :lease_until, attempts = attempts + 1, updated_at = :now
       FROM picked WHERE events.seq = picked.seq
       RETURNING events.*`,
      {
        workspace_ids: options.workspaceIds,
        now: utcIso(options.now, 'now'),
        lease_until: utcIso(options.leaseUntil, 'leaseUntil'),
        limit: Math.trunc(options.limit),
      },
    );
    const claimed = rows.map(postgresDialect.records.event).sort((a, b) => a.seq - b.seq);
    this.#hold(claimed, Date.parse(options.leaseUntil) - Date.parse(options.now));
    return claimed.map((entry) => entry.item);
  }

  /** Stops renewing leases (close(), or a test simulating a crash). */
  stopRenewing(): void {
    if (this.#renewing !== null) clearInterval(this.#renewing);
    this.#renewing = null;
    this.#held.clear();
  }

  #hold(claimed: Array<{ seq: number; item: StoredEvent }>, leaseMs: number): void {
    if (this.renewal === undefined || claimed.length === 0) return;
    const since = this.renewal.clock.now();
    for (const { seq, item: event } of claimed) this.#held.set(heldKey(event.workspace_id, event.event_id), { seq, leaseMs, since });
    this.#renewing ??= setInterval(() => void this.#renew().catch(() => undefined), this.renewal.everyMs);
    this.#renewing.unref();
  }

  #let(workspaceId: string, eventIds: string[]): void {
    for (const eventId of eventIds) this.#held.delete(heldKey(workspaceId, eventId));
  }

  /** One statement for every held event; rows no longer processing (ended, or taken over) are left alone. */
  async #renew(): Promise<void> {
    if (this.renewal === undefined || this.#held.size === 0) return;
    const now = this.renewal.clock.now();
    for (const [key, item] of this.#held) if (now - item.since > maxHoldMs) this.#held.delete(key);
    const held = [...this.#held.values()];
    if (held.length === 0) return;
    await this.db.run(
      `UPDATE events SET lease_until = GREATEST(lease_until, held.until)
       FROM unnest(:seqs::bigint[], :untils::timestamptz[]) AS held(seq, until)
       WHERE events.seq = held.seq AND events.status = 'processing'`,
      { seqs: held.map((item) => item.seq), untils: held.map((item) => new Date(now + item.leaseMs).toISOString()) },
    );
  }

  async complete(workspaceId: string, eventIds: string[], status: 'synced' | 'skipped', now: string): Promise<void> {
    if (eventIds.length === 0) return;
    this.#let(workspaceId, eventIds);
    await this.db.run(
      `UPDATE events SET status = :status, next_attempt_at = NULL, lease_until = NULL, updated_at = :at
       WHERE workspace_id = :workspace_id AND event_id = ANY(:event_ids::text[])`,
      { status, at: utcIso(now, 'now'), workspace_id: workspaceId, event_ids: eventIds },
    );
  }

  async fail(workspaceId: string, eventId: string, error: SyncErrorJson, nextAttemptAt: string | null, now: string): Promise<void> {
    const failure = eventStatements.fail(workspaceId, eventId, error, nextAttemptAt, now);
    this.#let(workspaceId, [eventId]);
    await this.#run(failure);
  }

  async release(workspaceId: string, eventIds: string[], now: string): Promise<void> {
    if (eventIds.length === 0) return;
    this.#let(workspaceId, eventIds);
    await this.db.run(
      `UPDATE events SET status = 'pending', next_attempt_at = NULL, lease_until = NULL, updated_at = :at,
         attempts = CASE status WHEN 'processing' THEN GREATEST(attempts - 1, 0) ELSE 0 END
       WHERE workspace_id = :workspace_id AND event_id = ANY(:event_ids::text[]) AND status <> 'pending'`,
      { at: utcIso(now, 'now'), workspace_id: workspaceId, event_ids: eventIds },
    );
  }

  async get(workspaceId: string, eventId: string): Promise<StoredEvent | undefined> {
    const { sql, params } = eventStatements.get(workspaceId, eventId);
    const [row] = await this.db.rows(sql, params);
    return row === undefined ? undefined : postgresDialect.records.event(row).item;
  }

  /** Newest first (received order). */
  async list(workspaceId: string, filter: EventFilter, page: PageRequest): Promise<Page<StoredEvent>> {
    const query = eventListQuery(postgresDialect, workspaceId, filter, page);
    return query.page(await this.db.rows(query.sql, query.params));
  }

  async countByStatus(workspaceId: string): Promise<Record<EventStatus, number>> {
    const counts = zeroCounts();
    const rows = await this.db.rows('SELECT status, COUNT(*) AS count FROM events WHERE workspace_id = :workspace_id GROUP BY status', {
      workspace_id: workspaceId,
    });
    for (const row of rows) {
      const parsed = eventRowSchema.pick({ status: true }).parse(row);
      counts[parsed.status] = Number(row.count);
    }
    return counts;
  }

  async oldestPendingAt(workspaceId: string): Promise<string | null> {
    const [row] = await this.db.rows<{ oldest: Date | null }>(
      `SELECT MIN(received_at) AS oldest FROM events WHERE workspace_id = :workspace_id AND status IN ${unfinished}`,
      { workspace_id: workspaceId },
    );
    return row?.oldest instanceof Date ? row.oldest.toISOString() : null;
  }

  async prune(before: string): Promise<number> {
    return this.#run(eventStatements.prune(before));
  }

  #run({ sql, params }: Statement): Promise<number> {
    return this.db.run(sql, params);
  }
}

const heldKey = (workspaceId: string, eventId: string): string => `${workspaceId}\u0000${eventId}`;
