import type { Clock } from '../../ports/clock';
import type { CrmObjectType } from '../../schemas/crm';

/**
 * Keys this process wrote lately and the ids they got. HubSpot's search index lags writes by
 * seconds, and a retried batch should not even try to create again: a key remembered here is
 * updated by id instead. Bounded in time and size; losing it only costs a lookup.
 */
export class RecentWrites {
  private readonly entries = new Map<string, { id: string; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = 15 * 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(objectType: CrmObjectType, key: string): string | undefined {
    const slot = `${objectType}:${key}`;
    const entry = this.entries.get(slot);
    if (entry === undefined) return undefined;
    if (this.clock.now() - entry.at > this.ttlMs) {
      this.entries.delete(slot);
      return undefined;
    }
    return entry.id;
  }

  remember(objectType: CrmObjectType, key: string, id: string): void {
    const slot = `${objectType}:${key}`;
    this.entries.delete(slot);
    this.entries.set(slot, { id, at: this.clock.now() });
    // Maps iterate in insertion order: the first entry is the oldest.
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
