import { z } from 'zod';

/**
 * When to try failed work again: exponential backoff with jitter, capped, honouring a server's
 * Retry-After (clamped to the cap). Pure: the random source comes in, so schedules are asserted exactly.
 * Shared by the sync worker (crmRetryPolicy) and outbound webhook delivery (hookRetryPolicy).
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
   * An explicit schedule instead of the exponential one: the wait after the n-th failure is the n-th entry
   * (the last one repeats). Outbound webhooks use it (see hookRetryPolicy).
   */
  delaysMs: z.array(z.number().int().min(0)).min(1).optional(),
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

const second = 1_000;
const minute = 60 * second;
const hour = 60 * minute;

/**
 * CRM syncs (the worker's default): 5 s, 15 s, 30 s, 1 min, 2 min, 10 min, 30 min, 1 h, 4 h, 8 h and 8 h after each
 * failure (12 attempts over about 21¾ hours before jitter), each wait shortened by up to 20 %. The dense first
 * minutes retry a brief CRM outage (a deploy, a minute of 5xx) soon after it ends (bench:faults, 60-s outage: all
 * synced at 113 s; 165 s with 5 s, 30 s, 2 min …; 292 s with 1, 4, 16 min …); the long tail still rides out a
 * day-long one. A Retry-After can stretch any wait to 8 h at most.
 */
export const crmRetryPolicy: RetryPolicy = retryPolicySchema.parse({
  maxAttempts: 12,
  delaysMs: [5 * second, 15 * second, 30 * second, minute, 2 * minute, 10 * minute, 30 * minute, hour, 4 * hour, 8 * hour, 8 * hour],
  maxDelayMs: 8 * hour,
  jitter: { kind: 'bounded', ratio: 0.2 },
});

/**
 * Outbound webhook deliveries, like Svix (https://docs.svix.com/retries): immediately, then 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h and 10 h after each failure (8 attempts over about 28 hours), each wait shortened by up to 10 %
 * so a target's many messages do not come back at once; a Retry-After can stretch a wait to 10 h at most.
 */
export const hookRetryPolicy: RetryPolicy = retryPolicySchema.parse({
  maxAttempts: 8,
  delaysMs: [5 * second, 5 * minute, 30 * minute, 2 * hour, 5 * hour, 10 * hour, 10 * hour],
  maxDelayMs: 10 * hour,
  jitter: { kind: 'bounded', ratio: 0.1 },
});

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
  const scheduled = policy.delaysMs?.[Math.min(exponent, policy.delaysMs.length - 1)];
  const backoff = Math.min(policy.maxDelayMs, scheduled ?? policy.baseDelayMs * policy.factor ** exponent);
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
