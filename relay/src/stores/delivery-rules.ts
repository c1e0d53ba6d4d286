import type { DeliveryAttempt, DeliveryStore } from '@synaptiq/shared';
import { deliveryMessageSchema } from './schemas';
import { utcIso, utcIsoOrNull } from './times';

/**
 * Delivery rules every DeliveryStore implementation follows (the store contract tests pin them):
 * - A message is due when pending or failed and its next_attempt_at is null or ≤ now; oldest first.
 * - `claimDue` counts the attempt (attempt + 1) and leases the message by moving next_attempt_at
 *   to `leaseUntil`: a worker that dies mid-delivery leaves it due again after the lease.
 * - `replay` makes a message pending and due now with a fresh attempt count.
 * - Enqueueing an id seen before does nothing.
 */

export type DeliveryMessage = Parameters<DeliveryStore['enqueue']>[0][number];
export type DeliveryOutcome = Parameters<DeliveryStore['record']>[1];
export type DeliveryFilter = Parameters<DeliveryStore['list']>[1];

/** A new message as every implementation stores it. */
export function newDelivery(message: DeliveryMessage): DeliveryAttempt {
  const valid = deliveryMessageSchema.parse(message);
  const createdAt = utcIso(valid.created_at, 'created_at');
  return {
    ...valid,
    created_at: createdAt,
    next_attempt_at: utcIsoOrNull(valid.next_attempt_at, 'next_attempt_at'),
    attempt: 0,
    status: 'pending',
    response_status: null,
    error: null,
    updated_at: createdAt,
  };
}

export const isDeliveryDue = (delivery: Pick<DeliveryAttempt, 'status' | 'next_attempt_at'>, now: string): boolean =>
  (delivery.status === 'pending' || delivery.status === 'failed') && (delivery.next_attempt_at === null || delivery.next_attempt_at <= now);

export const matchesDeliveryFilter = (delivery: DeliveryAttempt, filter: DeliveryFilter): boolean =>
  (filter.subscription_id === undefined || delivery.subscription_id === filter.subscription_id) &&
  (filter.status === undefined || delivery.status === filter.status);
