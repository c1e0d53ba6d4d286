import { synaptiqEventSchema } from '@synaptiq/shared';
import type { EventFilter, EventStatus, EventStore, Page, PageRequest, StoredEvent, SyncErrorJson, SynaptiqEvent } from '@synaptiq/shared';
import { endedStatuses, unfinishedStatuses, zeroCounts } from '../event-rules';
import { utcIso, utcIsoOrNull } from '../times';
import { memoryPage } from './memory-paging';

interface Entry {
  seq: number;
  event: StoredEvent;
  leaseUntil: string | null;
}

const isUnfinished = (status: EventStatus): boolean => (unfinishedStatuses as readonly EventStatus[]).includes(status);

/** The in-memory twin of SqliteEventStore (same rules, see ../event-rules.ts), for fast tests. */
export class MemoryEventStore implements EventStore {
  /** In received order. */
  #entries: Entry[] = [];
  readonly #byId = new Map<string, Entry>();
  #seq = 0;

  async append(workspaceId: string, event: SynaptiqEvent, receivedAt: string): Promise<{ inserted: boolean }> {
    const valid = synaptiqEventSchema.parse(event);
    const at = utcIso(receivedAt, 'receivedAt');
    if (this.#find(workspaceId, valid.id)) return { inserted: false };
    const entry: Entry = {
      seq: ++this.#seq,
      leaseUntil: null,
      event: {
        workspace_id: workspaceId,
        event_id: valid.id,
        type: valid.type,
        lead_id: valid.data.lead.id,
        payload: valid,
        received_at: at,
        status: 'pending',
        attempts: 0,
        next_attempt_at: null,
        last_error: null,
        updated_at: at,
      },
    };
    this.#entries.push(entry);
    this.#byId.set(idKey(workspaceId, valid.id), entry);
    return { inserted: true };
  }

  async claim(options: { workspaceIds: string[]; now: string; limit: number; leaseUntil: string }): Promise<StoredEvent[]> {
    const now = utcIso(options.now, 'now');
    const leaseUntil = utcIso(options.leaseUntil, 'leaseUntil');
    const seenLeads = new Set<string>();
    const claimed: StoredEvent[] = [];
    for (const entry of this.#entries) {
      if (claimed.length >= Math.trunc(options.limit)) break;
      const { event } = entry;
      if (!options.workspaceIds.includes(event.workspace_id) || !isUnfinished(event.status)) continue;
      const lead = JSON.stringify([event.workspace_id, event.lead_id]);
      if (seenLeads.has(lead)) continue;
      seenLeads.add(lead);
      if (!isDue(entry, now)) continue;
      Object.assign(event, { status: 'processing', attempts: event.attempts + 1, updated_at: now });
      entry.leaseUntil = leaseUntil;
      claimed.push(structuredClone(event));
    }
    return claimed;
  }

  async complete(workspaceId: string, eventIds: string[], status: 'synced' | 'skipped', now: string): Promise<void> {
    const at = utcIso(now, 'now');
    this.#update(workspaceId, eventIds, (entry) => {
      Object.assign(entry.event, { status, next_attempt_at: null, updated_at: at });
      entry.leaseUntil = null;
    });
  }

  async fail(workspaceId: string, eventId: string, error: SyncErrorJson, nextAttemptAt: string | null, now: string): Promise<void> {
    const next = utcIsoOrNull(nextAttemptAt, 'nextAttemptAt');
    const at = utcIso(now, 'now');
    this.#update(workspaceId, [eventId], (entry) => {
      Object.assign(entry.event, {
        status: next === null ? 'dead' : 'failed',
        next_attempt_at: next,
        last_error: structuredClone(error),
        updated_at: at,
      });
      entry.leaseUntil = null;
    });
  }

  /** See SqliteEventStore.expireLeases: a restarted single-process relay takes back its dead predecessor's claims. */
  async expireLeases(now: string): Promise<number> {
    const at = utcIso(now, 'now');
    let expired = 0;
    for (const entry of this.#entries) {
      if (entry.event.status !== 'processing' || entry.leaseUntil === null || entry.leaseUntil <= at) continue;
      entry.leaseUntil = at;
      expired += 1;
    }
    return expired;
  }

  async release(workspaceId: string, eventIds: string[], now: string): Promise<void> {
    const at = utcIso(now, 'now');
    this.#update(workspaceId, eventIds, (entry) => {
      const { event } = entry;
      if (event.status === 'pending') return;
      const attempts = event.status === 'processing' ? Math.max(event.attempts - 1, 0) : 0;
      Object.assign(event, { status: 'pending', attempts, next_attempt_at: null, updated_at: at });
      entry.leaseUntil = null;
    });
  }

  async get(workspaceId: string, eventId: string): Promise<StoredEvent | undefined> {
    const entry = this.#find(workspaceId, eventId);
    return entry === undefined ? undefined : structuredClone(entry.event);
  }

  async list(workspaceId: string, filter: EventFilter, page: PageRequest): Promise<Page<StoredEvent>> {
    const matching = this.#entries.filter(
      ({ event }) =>
        event.workspace_id === workspaceId &&
        (filter.status === undefined || event.status === filter.status) &&
        (filter.lead_id === undefined || event.lead_id === filter.lead_id) &&
        (filter.type === undefined || event.type === filter.type),
    );
    const result = memoryPage(matching, page, { key: (entry) => [entry.seq], cursor: 'seq', order: 'desc' });
    return { items: result.items.map((entry) => structuredClone(entry.event)), next_cursor: result.next_cursor };
  }

  async countByStatus(workspaceId: string): Promise<Record<EventStatus, number>> {
    const counts = zeroCounts();
    for (const { event } of this.#entries) if (event.workspace_id === workspaceId) counts[event.status] += 1;
    return counts;
  }

  async oldestPendingAt(workspaceId: string): Promise<string | null> {
    const times = this.#entries
      .filter(({ event }) => event.workspace_id === workspaceId && isUnfinished(event.status))
      .map(({ event }) => event.received_at)
      .sort();
    return times[0] ?? null;
  }

  async prune(before: string): Promise<number> {
    const cutoff = utcIso(before, 'before');
    const isPruned = ({ event }: Entry): boolean =>
      (endedStatuses as readonly EventStatus[]).includes(event.status) && event.received_at < cutoff;
    const pruned = this.#entries.filter(isPruned);
    for (const { event } of pruned) this.#byId.delete(idKey(event.workspace_id, event.event_id));
    this.#entries = this.#entries.filter((entry) => !isPruned(entry));
    return pruned.length;
  }

  #find(workspaceId: string, eventId: string): Entry | undefined {
    return this.#byId.get(idKey(workspaceId, eventId));
  }

  #update(workspaceId: string, eventIds: string[], change: (entry: Entry) => void): void {
    for (const eventId of eventIds) {
      const entry = this.#find(workspaceId, eventId);
      if (entry) change(entry);
    }
  }
}

const idKey = (workspaceId: string, id: string): string => JSON.stringify([workspaceId, id]);

function isDue(entry: Entry, now: string): boolean {
  const { status, next_attempt_at: next } = entry.event;
  if (status === 'pending') return true;
  if (status === 'failed') return next !== null && next <= now;
  return status === 'processing' && entry.leaseUntil !== null && entry.leaseUntil <= now;
}
