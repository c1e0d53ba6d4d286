import type { DeliveryAttempt, DeliveryStore, Page, PageRequest } from '@synaptiq/shared';
import { isDeliveryDue, matchesDeliveryFilter, newDelivery } from '../delivery-rules';
import type { DeliveryFilter, DeliveryMessage, DeliveryOutcome } from '../delivery-rules';
import { utcIso, utcIsoOrNull } from '../times';
import { memoryPage } from './memory-paging';

interface Entry {
  seq: number;
  delivery: DeliveryAttempt;
}

/** The in-memory twin of SqliteDeliveryStore (rules in ../delivery-rules.ts). */
export class MemoryDeliveryStore implements DeliveryStore {
  /** By id, in enqueue order. */
  readonly #entries = new Map<string, Entry>();
  #seq = 0;

  async enqueue(messages: DeliveryMessage[]): Promise<void> {
    const deliveries = messages.map(newDelivery);
    for (const delivery of deliveries) {
      if (!this.#entries.has(delivery.id)) this.#entries.set(delivery.id, { seq: ++this.#seq, delivery: structuredClone(delivery) });
    }
  }

  async claimDue(now: string, limit: number, leaseUntil: string): Promise<DeliveryAttempt[]> {
    const at = utcIso(now, 'now');
    const lease = utcIso(leaseUntil, 'leaseUntil');
    const due = [...this.#entries.values()].filter(({ delivery }) => isDeliveryDue(delivery, at)).slice(0, Math.max(Math.trunc(limit), 0));
    return due.map(({ delivery }) => {
      Object.assign(delivery, { attempt: delivery.attempt + 1, next_attempt_at: lease, updated_at: at });
      return structuredClone(delivery);
    });
  }

  async record(id: string, outcome: DeliveryOutcome, now: string): Promise<void> {
    const entry = this.#entries.get(id);
    const next = utcIsoOrNull(outcome.next_attempt_at, 'next_attempt_at');
    const at = utcIso(now, 'now');
    if (entry === undefined) return;
    Object.assign(entry.delivery, {
      status: outcome.status,
      response_status: outcome.response_status,
      error: outcome.error,
      next_attempt_at: next,
      updated_at: at,
    });
  }

  async list(workspaceId: string, filter: DeliveryFilter, page: PageRequest): Promise<Page<DeliveryAttempt>> {
    const matching = [...this.#entries.values()].filter(
      ({ delivery }) => delivery.workspace_id === workspaceId && matchesDeliveryFilter(delivery, filter),
    );
    const result = memoryPage(matching, page, { key: (entry) => [entry.seq], cursor: 'seq', order: 'desc' });
    return { items: result.items.map((entry) => structuredClone(entry.delivery)), next_cursor: result.next_cursor };
  }

  async get(workspaceId: string, id: string): Promise<DeliveryAttempt | undefined> {
    const entry = this.#entries.get(id);
    return entry === undefined || entry.delivery.workspace_id !== workspaceId ? undefined : structuredClone(entry.delivery);
  }

  async replay(workspaceId: string, id: string, now: string): Promise<boolean> {
    const at = utcIso(now, 'now');
    const entry = this.#entries.get(id);
    if (entry === undefined || entry.delivery.workspace_id !== workspaceId) return false;
    Object.assign(entry.delivery, { status: 'pending', attempt: 0, next_attempt_at: at, updated_at: at });
    return true;
  }
}
