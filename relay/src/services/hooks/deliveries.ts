import { SyncError } from '@synaptiq/shared';
import type { Clock, DeliveryAttempt, Stores } from '@synaptiq/shared';
import { findSubscription } from './subscriptions';

/** A delivery as the admin API shows it: its latest attempt, without the payload (lead PII). */
export const presentDelivery = (delivery: DeliveryAttempt) => ({
  id: delivery.id,
  subscription_id: delivery.subscription_id,
  message_id: delivery.message_id,
  event: delivery.event,
  status: delivery.status,
  attempts: delivery.attempt,
  response_status: delivery.response_status,
  error: delivery.error,
  next_attempt_at: delivery.next_attempt_at,
  created_at: delivery.created_at,
  updated_at: delivery.updated_at,
});

/**
 * Sends a delivery again now, with a fresh attempt count and the same webhook-id (subscribers that
 * dedupe by webhook-id see it as the same message). Only to a subscription that is still active.
 */
export async function replayDelivery(
  deps: { stores: Pick<Stores, 'config' | 'deliveries'>; clock: Clock; kick?: () => void },
  workspaceId: string,
  deliveryId: string,
): Promise<{ id: string; status: 'pending' }> {
  const delivery = await deps.stores.deliveries.get(workspaceId, deliveryId);
  if (!delivery) {
    throw new SyncError('not_found', `There is no hook delivery "${deliveryId}" in this workspace: GET /v1/hooks/<id>/deliveries lists them.`, {
      details: { delivery_id: deliveryId },
    });
  }
  const subscription = await findSubscription(deps, workspaceId, delivery.subscription_id).catch(() => null);
  if (subscription?.status !== 'active') {
    throw new SyncError('conflict', `The subscription of delivery "${deliveryId}" is ${subscription ? 'disabled' : 'deleted'}: subscribe the target again (POST /v1/hooks), then new messages reach it.`, {
      details: { delivery_id: deliveryId, subscription_id: delivery.subscription_id },
    });
  }
  await deps.stores.deliveries.replay(workspaceId, deliveryId, new Date(deps.clock.now()).toISOString());
  deps.kick?.();
  return { id: deliveryId, status: 'pending' };
}
