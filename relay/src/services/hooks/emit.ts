import { createHash, randomUUID } from 'node:crypto';
import type { Clock, DeliveryStore, HookEvent, Stores } from '@synaptiq/shared';
import type { HookEventData, HookMessage } from './hook-payloads';

export interface HookEmitterDeps {
  stores: Pick<Stores, 'config' | 'deliveries'>;
  clock: Clock;
  /** Wakes the delivery worker so the first attempt goes out at once (createDeliveryWorker().kick). */
  kick?: () => void;
}

export interface EmitOptions {
  /**
   * What the message is about (an event id, a sync log entry id, …): emitting the same event for the same
   * source twice enqueues nothing new, so re-running a batch never sends a subscriber the message twice.
   */
  sourceId?: string;
}

/**
 * Queues `event` with `data` for every active subscription of the workspace to it and resolves, once they are
 * stored, to how many subscriptions it is addressed to (a message already queued for a source is not queued again).
 * The delivery worker sends them, at least once, with retries.
 */
export type EmitHookEvent = <E extends HookEvent>(workspaceId: string, event: E, data: HookEventData[E], options?: EmitOptions) => Promise<number>;

const digest = (...parts: string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);

/** The Standard Webhooks message id (`webhook-id`): stable for a source, random otherwise. */
export const messageIdFor = (workspaceId: string, event: HookEvent, sourceId: string | undefined): string =>
  `msg_${sourceId === undefined ? randomUUID().replaceAll('-', '') : digest(workspaceId, event, sourceId)}`;

/** One delivery per message and subscription. */
export const deliveryIdFor = (messageId: string, subscriptionId: string): string => `dlv_${digest(messageId, subscriptionId)}`;

export function createHookEmitter(deps: HookEmitterDeps): EmitHookEvent {
  return async (workspaceId, event, data, options = {}) => {
    const subscriptions = (await deps.stores.config.listSubscriptions(workspaceId)).filter(
      (subscription) => subscription.event === event && subscription.status === 'active',
    );
    if (subscriptions.length === 0) return 0;
    const at = new Date(deps.clock.now()).toISOString();
    const messageId = messageIdFor(workspaceId, event, options.sourceId);
    const payload: HookMessage = { type: event, timestamp: at, data };
    const messages: Parameters<DeliveryStore['enqueue']>[0] = subscriptions.map((subscription) => ({
      id: deliveryIdFor(messageId, subscription.id),
      workspace_id: workspaceId,
      subscription_id: subscription.id,
      message_id: messageId,
      event,
      payload,
      // Due at once: the first attempt is immediate.
      next_attempt_at: null,
      created_at: at,
    }));
    await deps.stores.deliveries.enqueue(messages);
    deps.kick?.();
    return messages.length;
  };
}
