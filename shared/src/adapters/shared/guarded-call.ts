import type { SyncError } from '../../errors';
import type { Clock } from '../../ports/clock';
import type { RollingWindowLimiter } from './rate-limiter';
import { withRetry, type RetryDeps } from './retry';

export interface GuardedCallDeps {
  clock: Clock;
  retry: RetryDeps;
  /** Turns whatever the SDK threw into a SyncError (the adapter's own classifier). */
  classify: (error: unknown) => SyncError;
}

/**
 * One CRM request under our own limits: wait for every limiter (e.g. the account's general
 * budget and the search bucket), send, classify a failure, and retry what is retryable.
 * A rate-limit answer pauses the limiters too, so other calls to the same account wait with it.
 */
export function guardedCall<T>(
  limiters: readonly RollingWindowLimiter[],
  deps: GuardedCallDeps,
  send: () => Promise<T>,
): Promise<T> {
  return withRetry(async () => {
    for (const limiter of limiters) await limiter.acquire();
    try {
      return await send();
    } catch (thrown) {
      const error = deps.classify(thrown);
      if (error.code === 'crm.rate_limited' && error.retryAfterMs !== undefined) {
        const until = deps.clock.now() + error.retryAfterMs;
        for (const limiter of limiters) limiter.pauseUntil(until);
      }
      throw error;
    }
  }, deps.retry);
}
