/** Hits inside a rolling window (HubSpot's TEN_SECONDLY_ROLLING and search's per-second bucket). */
export class RollingWindow {
  private hits: number[] = [];

  constructor(readonly windowMs: number) {}

  count(now: number): number {
    while (this.hits.length && (this.hits[0] ?? 0) <= now - this.windowMs) this.hits.shift();
    return this.hits.length;
  }

  add(now: number): void {
    this.hits.push(now);
  }

  /** Milliseconds until the oldest hit leaves the window. */
  msUntilFree(now: number): number {
    this.count(now);
    const oldest = this.hits[0];
    return oldest === undefined ? 0 : Math.max(0, oldest + this.windowMs - now);
  }
}

/** Calls per UTC day (HubSpot resets daily limits at midnight; Salesforce's 24 h allocation is approximated the same way). */
export class DailyCounter {
  private day = -1;
  private calls = 0;

  count(now: number): number {
    const day = Math.floor(now / 86_400_000);
    if (day !== this.day) {
      this.day = day;
      this.calls = 0;
    }
    return this.calls;
  }

  add(now: number): void {
    this.count(now);
    this.calls += 1;
  }
}

export class RateLimits {
  hubspotTenSecondly = new RollingWindow(10_000);
  hubspotDaily = new DailyCounter();
  hubspotSearch = new RollingWindow(1000);
  salesforceDaily = new DailyCounter();
}
