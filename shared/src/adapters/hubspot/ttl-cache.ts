import type { Clock } from '../../ports/clock';

/** Enumeration options change when someone edits a property in HubSpot: rarely, so a few minutes' staleness is fine. */
export const propertyCacheTtlMs = 15 * 60_000;

/**
 * Pipelines and owners: read for every batch that may write deals, changed by hand in HubSpot now and then.
 * Five minutes, as the relay's worker keeps them (core-batch-runner.ts).
 */
export const accountSetupTtlMs = 5 * 60_000;

/**
 * Values loaded once per TTL and key, however many callers ask at once. A failed load is not kept (the
 * next caller asks again), and `invalidate` drops what a failed write suggests is stale.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { loadedAt: number; value: Promise<V> }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly load: (key: K) => Promise<V>,
  ) {}

  get(key: K): Promise<V> {
    const now = this.clock.now();
    const cached = this.entries.get(key);
    if (cached && now - cached.loadedAt < this.ttlMs) return cached.value;
    const value = this.load(key);
    this.entries.set(key, { loadedAt: now, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  invalidate(): void {
    this.entries.clear();
  }
}
