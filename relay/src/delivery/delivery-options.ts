import { z } from 'zod';
import { hookRetryPolicy, retryPolicySchema } from './retry-schedule';

const day = 86_400_000;

export const deliveryOptionsSchema = z.object({
  /** At most this many deliveries are in flight at once. */
  concurrency: z.number().int().min(1).max(100).default(8),
  /** A target that has not answered after this long has failed the attempt. */
  timeoutMs: z.number().int().min(1).default(15_000),
  /** Due retries are looked for this often. */
  pollMs: z.number().int().min(10).default(1_000),
  /** A claimed delivery is due again after this long if its worker died mid-send (longer than the timeout). */
  leaseMs: z.number().int().min(1_000).default(60_000),
  /** A subscription whose deliveries all failed for this long is disabled. */
  disableAfterMs: z.number().int().min(1).default(5 * day),
  /** Deliver to private, loopback and link-local addresses too (HOOKS_ALLOW_PRIVATE_TARGETS). */
  allowPrivateTargets: z.boolean().default(false),
  retry: retryPolicySchema.default(hookRetryPolicy),
});
export type DeliveryOptions = z.infer<typeof deliveryOptionsSchema>;
export type DeliveryOptionsInput = z.input<typeof deliveryOptionsSchema>;

/** The relay environment's outbound webhook variables (spread into config.ts's envSchema). */
export const hooksEnvShape = {
  /** true lets subscriptions target private, loopback and link-local addresses (a relay delivering inside its network). */
  HOOKS_ALLOW_PRIVATE_TARGETS: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  /** Days of failing deliveries after which a subscription is disabled. */
  HOOKS_DISABLE_AFTER_DAYS: z.coerce.number().min(0.001).max(365).default(5),
};

/** Delivery options from the parsed environment. */
export const deliveryOptionsFromEnv = (env: { HOOKS_ALLOW_PRIVATE_TARGETS: boolean; HOOKS_DISABLE_AFTER_DAYS: number }): DeliveryOptionsInput => ({
  allowPrivateTargets: env.HOOKS_ALLOW_PRIVATE_TARGETS,
  disableAfterMs: Math.round(env.HOOKS_DISABLE_AFTER_DAYS * day),
});
