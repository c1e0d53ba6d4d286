import { realSleep, RollingWindowLimiter } from '@synaptiq/shared/adapters/shared/index';
import type { Sleep } from '@synaptiq/shared/adapters/shared/index';
import type { Clock } from '@synaptiq/shared';
import type { Queryable } from '../database';

export interface SharedRateLimiterOptions {
  db: Queryable;
  /** Names the CRM account's budget; every instance talking to that account must use the same key. */
  budgetKey: string;
  /** Calls allowed per window, headroom already taken off (a local limiter's `limit`). */
  limit: number;
  windowMs: number;
  clock: Clock;
  sleep?: Sleep;
}

/**
 * The rolling-window limiter with its window kept in PostgreSQL (relay_rate_acquire, see the migrations), so all
 * relay instances draw from ONE budget per CRM account: 90 of HubSpot's 100 calls per 10 s in sum, not per instance.
 * A drop-in for RollingWindowLimiter (the adapters take that type): same acquire / pauseUntil / observeRemaining.
 * Callers of one instance queue locally first, so one budget costs one database round trip per call granted.
 */
export class SharedRateLimiter extends RollingWindowLimiter {
  readonly budgetKey: string;
  readonly #db: Queryable;
  readonly #sleep: Sleep;
  readonly #clock: Clock;
  #queue: Promise<void> = Promise.resolve();
  #pausedUntil = 0;
  /** When this instance was granted its calls of the current window (metrics and tests). */
  #granted: number[] = [];

  constructor(options: SharedRateLimiterOptions) {
    const sleep = options.sleep ?? realSleep;
    super({ budget: options.limit, windowMs: options.windowMs, headroom: 1, clock: options.clock, sleep });
    this.budgetKey = options.budgetKey;
    this.#db = options.db;
    this.#sleep = sleep;
    this.#clock = options.clock;
  }

  override acquire(): Promise<void> {
    const turn = this.#queue.then(() => this.#waitForGrant());
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  /** Holds every instance's callers of this budget until `epochMs` (after a 429 with Retry-After). */
  override pauseUntil(epochMs: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, epochMs);
    this.#db
      .run(
        `INSERT INTO rate_pauses (budget_key, paused_until) VALUES (:key, to_timestamp(:ms / 1000.0))
         ON CONFLICT (budget_key) DO UPDATE SET paused_until = GREATEST(rate_pauses.paused_until, excluded.paused_until)`,
        { key: this.budgetKey, ms: epochMs },
      )
      // The local pause above holds this instance's callers either way; the others learn from their own 429s.
      .catch(() => undefined);
  }

  /** Calls this instance was granted in the window ending now (the shared count is in rate_grants). */
  override inFlightWindow(): number {
    const since = this.#clock.now() - this.windowMs;
    this.#granted = this.#granted.filter((at) => at > since);
    return this.#granted.length;
  }

  async #waitForGrant(): Promise<void> {
    for (;;) {
      const pausedMs = this.#pausedUntil - this.#clock.now();
      if (pausedMs > 0) {
        await this.#sleep(pausedMs);
        continue;
      }
      const [row] = await this.#db.rows<{ wait_ms: number }>('SELECT relay_rate_acquire(:key, :limit, :window_ms) AS wait_ms', {
        key: this.budgetKey,
        limit: this.limit,
        window_ms: Math.ceil(this.windowMs),
      });
      const waitMs = Number(row?.wait_ms ?? 0);
      if (waitMs <= 0) {
        this.inFlightWindow();
        this.#granted.push(this.#clock.now());
        return;
      }
      await this.#sleep(Math.ceil(waitMs));
    }
  }
}
