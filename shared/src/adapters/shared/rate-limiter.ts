import type { Clock } from '../../ports/clock';

/** Waits `ms` milliseconds. Injected so tests move a fake clock instead of waiting. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export interface RollingWindowLimiterOptions {
  /** Calls allowed in any window of `windowMs` (the CRM's budget). */
  budget: number;
  windowMs: number;
  /**
   * Share of the budget we use (default 0.9): other apps and our retries share the portal's
   * budget, and the CRM's clock and ours never agree exactly.
   */
  headroom?: number;
  clock: Clock;
  sleep: Sleep;
}

/**
 * Paces calls so that no window of `windowMs` ever sees more than the usable budget.
 *
 * Why not a plain token bucket: HubSpot counts a *rolling* 10-second window, and a bucket that
 * starts full and refills continuously lets through up to twice its capacity in one such window.
 * Keeping the grant times of the last `limit` calls makes the guarantee exact: a call is granted
 * only when fewer than `limit` calls were granted in the past `windowMs`.
 *
 * Callers are served one at a time, in arrival order. `pauseUntil` holds every caller, e.g. after
 * a 429 with Retry-After, so concurrent work for the same account backs off together.
 */
export class RollingWindowLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly granted: number[] = [];
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: RollingWindowLimiterOptions) {
    const headroom = options.headroom ?? 0.9;
    if (!(headroom > 0 && headroom <= 1)) throw new RangeError('headroom must be in (0, 1]');
    if (!(options.budget >= 1) || !(options.windowMs > 0)) throw new RangeError('budget ≥ 1 and windowMs > 0 required');
    this.limit = Math.max(1, Math.floor(options.budget * headroom));
    this.windowMs = options.windowMs;
    this.clock = options.clock;
    this.sleep = options.sleep;
  }

  /** Resolves when the caller may send one request; the grant is counted at that moment. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    // A rejected sleep must not jam the queue for later callers.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Holds all callers until `epochMs` (never shortens an existing pause). */
  pauseUntil(epochMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, epochMs);
  }

  /**
   * Adopts the CRM's own count when it is lower than ours (another app is using the same
   * budget): with `remaining` calls left, hold callers until the current window has passed.
   */
  observeRemaining(remaining: number, windowMs = this.windowMs): void {
    if (remaining <= 0) this.pauseUntil(this.clock.now() + windowMs);
  }

  /** Calls granted in the window ending now (for metrics and tests). */
  inFlightWindow(): number {
    this.prune(this.clock.now());
    return this.granted.length;
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      if (this.pausedUntil > now) {
        await this.sleep(this.pausedUntil - now);
        continue;
      }
      this.prune(now);
      if (this.granted.length < this.limit) {
        this.granted.push(now);
        return;
      }
      const oldest = this.granted[0] ?? now;
      await this.sleep(oldest + this.windowMs - now);
    }
  }

  private prune(now: number): void {
    while (this.granted.length > 0 && (this.granted[0] ?? 0) <= now - this.windowMs) this.granted.shift();
  }
}

/**
 * Limiters shared by every adapter instance that talks to the same CRM account, so two
 * workspaces (or a retry and a sync) connected to one portal draw from one budget.
 */
export class LimiterRegistry<L> {
  private readonly limiters = new Map<string, L>();

  get(key: string, create: () => L): L {
    let limiter = this.limiters.get(key);
    if (limiter === undefined) {
      limiter = create();
      this.limiters.set(key, limiter);
    }
    return limiter;
  }

  delete(key: string): void {
    this.limiters.delete(key);
  }
}
