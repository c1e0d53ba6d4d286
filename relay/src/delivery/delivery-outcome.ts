import type { DeliveryAttempt, Subscription } from '@synaptiq/shared';
import type { DeliveryAttemptOutcome } from '../metrics';
import { nextAttemptAt } from './retry-schedule';
import type { RandomSource, RetryPolicy } from './retry-schedule';
import { retryAfterMs } from './hook-transport';
import type { HookResponse } from './hook-transport';

/** What one attempt's response means for the delivery and its subscription. Pure: time and randomness come in. */
export interface AttemptVerdict {
  delivery: Pick<DeliveryAttempt, 'status' | 'response_status' | 'error' | 'next_attempt_at'>;
  /** The subscription to save, or 'delete' (410 Gone unsubscribes). */
  subscription: Subscription | 'delete';
}

export interface VerdictContext {
  now: number;
  /** This attempt's number (1 for the first). */
  attempt: number;
  policy: RetryPolicy;
  random: RandomSource;
  /** A subscription failing for this long without a success is disabled. */
  disableAfterMs: number;
}

const isSuccess = (status: number | null): boolean => status !== null && status >= 200 && status < 300;

export function judgeAttempt(response: HookResponse, subscription: Subscription, context: VerdictContext): AttemptVerdict {
  const at = new Date(context.now).toISOString();
  const { status } = response;
  if (isSuccess(status)) {
    return {
      delivery: { status: 'succeeded', response_status: status, error: null, next_attempt_at: null },
      subscription: { ...subscription, failing_since: null, last_success_at: at },
    };
  }
  if (status === 410) {
    return { delivery: { status: 'dead', response_status: status, error: 'The target answered 410 Gone: the subscription was removed.', next_attempt_at: null }, subscription: 'delete' };
  }

  const error = response.error ?? `The target answered HTTP ${status ?? '?'} (only 2xx counts as delivered).`;
  const failingSince = subscription.failing_since ?? at;
  const failed: Subscription = { ...subscription, failing_since: failingSince, last_failure_at: at };
  if (context.now - Date.parse(failingSince) >= context.disableAfterMs) {
    const days = Math.round(context.disableAfterMs / 86_400_000);
    const reason = `Every delivery failed since ${failingSince} (${days} days or more): the subscription was disabled. Fix the target, then subscribe again.`;
    return {
      delivery: { status: 'dead', response_status: status, error: `${error} ${reason}`, next_attempt_at: null },
      subscription: { ...failed, status: 'disabled', disabled_reason: reason },
    };
  }
  const next = nextAttemptAt(context.now, context.attempt, context.policy, context.random, retryAfterMs(response.retryAfter, context.now));
  return { delivery: { status: next === null ? 'dead' : 'failed', response_status: status, error, next_attempt_at: next }, subscription: failed };
}

/** A verdict's metric label (relay_hook_delivery_attempts_total): 410 Gone is told apart from the other dead ends. */
export function attemptOutcome(verdict: AttemptVerdict): DeliveryAttemptOutcome {
  if (verdict.subscription === 'delete') return 'gone';
  // judgeAttempt never leaves a delivery pending; were it to, the attempt still did not deliver.
  return verdict.delivery.status === 'pending' ? 'failed' : verdict.delivery.status;
}
