import { toSyncError, type ErrorCode, type SyncError } from '../../errors';
import type { Sleep } from './rate-limiter';

/** Returns a number in [0, 1). Injected so jittered delays are exact in tests. */
export type Random = () => number;

export interface RetryPolicy {
  /** Total attempts, the first included. */
  maxAttempts: number;
  /** Exponential backoff: base × 2^(attempt-1), capped at maxDelayMs, then jittered. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** HubSpot asks for at least 2 s after a 423 Locked. */
  minLockedDelayMs: number;
  /**
   * A Retry-After longer than this is not waited out inside the call: the error is thrown
   * (it carries retryAfterMs) so the caller can reschedule the work instead of holding a worker.
   */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  minLockedDelayMs: 2_000,
  maxRetryAfterMs: 60_000,
};

/** Failures worth retrying inside one call; everything else goes straight back to the caller. */
const retriedHere: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['crm.rate_limited', 'crm.locked', 'crm.transient']);

/** Exponential backoff with "equal jitter": half fixed, half random, so there is a floor and no herd. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: Random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * How long to wait before attempt `attempt + 1` after `error` failed attempt `attempt`,
 * or null when the error must not be retried here. Pure: time and jitter come in.
 */
export function retryDelayMs(error: SyncError, attempt: number, policy: RetryPolicy, random: Random): number | null {
  if (!retriedHere.has(error.code) || attempt >= policy.maxAttempts) return null;
  const hinted = error.retryAfterMs;
  if (hinted !== undefined) {
    if (hinted > policy.maxRetryAfterMs) return null;
    const floor = error.code === 'crm.locked' ? policy.minLockedDelayMs : 0;
    return Math.max(hinted, floor);
  }
  const backoff = backoffMs(attempt, policy, random);
  return error.code === 'crm.locked' ? Math.max(policy.minLockedDelayMs, backoff) : backoff;
}

export interface RetryDeps {
  sleep: Sleep;
  random: Random;
  policy?: RetryPolicy;
  /** Called before each wait: log it, or pause a shared limiter so concurrent calls wait too. */
  onRetry?: (error: SyncError, attempt: number, delayMs: number) => void;
}

/**
 * Runs `call` until it succeeds or fails with an error that is not retried here. `call` should
 * throw SyncError (classified by the adapter); anything else becomes `internal` and is not retried.
 */
export async function withRetry<T>(call: (attempt: number) => Promise<T>, deps: RetryDeps): Promise<T> {
  const policy = deps.policy ?? defaultRetryPolicy;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call(attempt);
    } catch (thrown) {
      const error = toSyncError(thrown);
      const delay = retryDelayMs(error, attempt, policy, deps.random);
      if (delay === null) throw error;
      deps.onRetry?.(error, attempt, delay);
      await deps.sleep(delay);
    }
  }
}
