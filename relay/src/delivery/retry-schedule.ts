import { z } from 'zod';

/**
 * When to try failed work again: exponential backoff with jitter, capped, honouring a server's
 * Retry-After (clamped to the cap). Pure: the random source comes in, so schedules are asserted exactly.
 * Shared by the sync worker and outbound webhook delivery.
 */

export const retryPolicySchema = z.object({
  /** Total attempts, the first included; after the last failure the work is dead-lettered. */
  maxAttempts: z.number().int().min(1).max(100).default(8),
  /** Delay before the first retry. */
  baseDelayMs: z.number().int().min(0).default(60_000),
  /** Each retry waits `factor` times longer than the one before. */
  factor: z.number().min(1).default(4),
  /** No wait is ever longer than this, Retry-After included. */
  maxDelayMs: z.number().int().min(0).default(8 * 60 * 60_000),
  /**
   * full: uniform in [0, delay] (spreads a thundering herd best);
   * bounded: uniform in [delay × (1 − ratio), delay] (keeps the schedule predictable); none: exact.
   */
  jitter: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('full') }),
      z.object({ kind: z.literal('bounded'), ratio: z.number().min(0).max(1).default(0.2) }),
      z.object({ kind: z.literal('none') }),
    ])
    .default({ kind: 'bounded', ratio: 0.2 }),
});
export type RetryPolicy = z.infer<typeof retryPolicySchema>;
export type RetryPolicyInput = z.input<typeof retryPolicySchema>;

/** 8 attempts over about 22 hours: 1 min, 4 min, 16 min, ~1 h, ~4 h, 8 h, 8 h (before jitter). */
export const defaultRetryPolicy: RetryPolicy = retryPolicySchema.parse({});

/** A number in [0, 1), like Math.random. */
export type RandomSource = () => number;

/**
 * The wait before the next attempt, after `failedAttempts` attempts have failed (1 after the first failure),
 * or null when the attempts are used up and the work should be dead-lettered.
 */
export function retryDelayMs(
  failedAttempts: number,
  policy: RetryPolicy,
  random: RandomSource,
  retryAfterMs?: number,
): number | null {
  if (failedAttempts >= policy.maxAttempts) return null;
  const exponent = Math.max(0, failedAttempts - 1);
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.factor ** exponent);
  const jittered = Math.round(applyJitter(backoff, policy.jitter, random));
  if (retryAfterMs === undefined) return jittered;
  // The server knows best when it will take more work, but a hostile or buggy header must not park work for days.
  return Math.max(jittered, Math.min(Math.max(0, retryAfterMs), policy.maxDelayMs));
}

/** The ISO time of the next attempt, or null to dead-letter. */
export function nextAttemptAt(
  now: number,
  failedAttempts: number,
  policy: RetryPolicy,
  random: RandomSource,
  retryAfterMs?: number,
): string | null {
  const delay = retryDelayMs(failedAttempts, policy, random, retryAfterMs);
  return delay === null ? null : new Date(now + delay).toISOString();
}

function applyJitter(delay: number, jitter: RetryPolicy['jitter'], random: RandomSource): number {
  switch (jitter.kind) {
    case 'full':
      return delay * random();
    case 'bounded':
      return delay * (1 - jitter.ratio * random());
    case 'none':
      return delay;
  }
}
