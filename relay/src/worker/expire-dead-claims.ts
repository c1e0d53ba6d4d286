import type { Clock, EventStore } from '@synaptiq/shared';

/** The event stores of the embedded storage (SQLite, memory), which one relay process owns alone. */
export interface LeaseExpiringEventStore extends EventStore {
  expireLeases(now: string): Promise<number>;
}

const canExpireLeases = (events: EventStore): events is LeaseExpiringEventStore =>
  typeof (events as Partial<LeaseExpiringEventStore>).expireLeases === 'function';

/**
 * At start-up on the embedded stores, events still `processing` were claimed by a relay that died without
 * stopping (kill -9): nobody else can be working on them, so their leases end now instead of minutes later.
 * The attempt each claim counted stays counted, as when a lease runs out: the CRM calls may have gone out,
 * and a crash-looping event must still head for the dead letter. Idempotency keys keep the retry from
 * duplicating CRM records. Never for PostgreSQL: several instances share it and their claims are alive.
 * Returns how many leases ended (0 for stores that cannot tell).
 */
export async function expireDeadClaims(events: EventStore, clock: Clock): Promise<number> {
  if (!canExpireLeases(events)) return 0;
  return events.expireLeases(new Date(clock.now()).toISOString());
}
