import type { Clock, DeliveryAttempt, Stores, Subscription } from '@synaptiq/shared';
import { StandardWebhook } from '@synaptiq/shared/webhooks/standard-webhook';
import type { SecretBox } from '../crypto';
import { recordDeliveryAttempt } from '../metrics';
import type { RelayMetrics } from '../metrics';
import { checkTargetUrl, systemLookup } from '../services/hooks/target-url';
import type { HostLookup } from '../services/hooks/target-url';
import { systemTimers } from '../worker/types';
import type { Logger, Timers } from '../worker/types';
import { deliveryOptionsSchema } from './delivery-options';
import type { DeliveryOptionsInput } from './delivery-options';
import { attemptOutcome, judgeAttempt } from './delivery-outcome';
import type { AttemptVerdict } from './delivery-outcome';
import { httpTransport } from './http-transport';
import type { HookResponse, HookTransport } from './hook-transport';
import type { RandomSource } from './retry-schedule';

export interface DeliveryWorkerDeps {
  stores: Pick<Stores, 'config' | 'deliveries'>;
  secrets: SecretBox;
  clock: Clock;
  logger: Logger;
  options?: DeliveryOptionsInput;
  transport?: HookTransport;
  lookup?: HostLookup;
  timers?: Timers;
  random?: RandomSource;
  /** Counts each attempt by outcome (relay_hook_delivery_attempts_total); none when absent. */
  metrics?: Pick<RelayMetrics, 'deliveryAttempt'> | undefined;
}

export interface DeliveryWorker {
  /** Polls for due deliveries every pollMs until stop(). */
  start(): void;
  /** Waits for the deliveries in flight; undelivered ones stay queued. */
  stop(): Promise<void>;
  /** Sends what is due now without waiting for the next poll (after an emit). */
  kick(): void;
  /** Sends every delivery due now, `concurrency` at a time; resolves to how many attempts were made. */
  runDue(): Promise<number>;
}

const userAgent = 'Synaptiq-Relay-Webhooks/1.0';

/**
 * Outbound webhook delivery: at-least-once, from the DeliveryStore (every message is stored before its
 * first attempt), signed with the subscription's own secret under a webhook-id that stays the same across
 * retries, retried on the Svix-like schedule (hookRetryPolicy), honouring Retry-After.
 */
export function createDeliveryWorker(deps: DeliveryWorkerDeps): DeliveryWorker {
  const options = deliveryOptionsSchema.parse(deps.options ?? {});
  const timers = deps.timers ?? systemTimers;
  const random = deps.random ?? Math.random;
  const lookup = deps.lookup ?? systemLookup;
  const transport = deps.transport ?? httpTransport({ allowPrivateTargets: options.allowPrivateTargets, lookup });
  let running: Promise<number> | null = null;
  let again = false;
  let timer: unknown = null;
  let started = false;

  const runDue = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      // A pool, not batches: a slow target holds one slot, the others keep delivering.
      const inFlight = new Set<Promise<void>>();
      let attempts = 0;
      do {
        again = false;
        for (;;) {
          const free = options.concurrency - inFlight.size;
          const now = deps.clock.now();
          const due = free > 0 ? await deps.stores.deliveries.claimDue(iso(now), free, iso(now + options.leaseMs)) : [];
          for (const delivery of due) {
            const sending = attempt(delivery).finally(() => inFlight.delete(sending));
            inFlight.add(sending);
          }
          attempts += due.length;
          if (inFlight.size === 0) break;
          if (due.length === 0 || inFlight.size >= options.concurrency) await Promise.race(inFlight);
        }
      } while (again);
      return attempts;
    })().finally(() => {
      running = null;
    });
    return running;
  };

  async function attempt(delivery: DeliveryAttempt): Promise<void> {
    try {
      const subscription = await subscriptionOf(delivery);
      if (subscription?.status !== 'active') {
        const error = subscription ? 'The subscription is disabled: the message was not sent.' : 'The subscription was deleted: the message was not sent.';
        await record(delivery, { status: 'dead', response_status: null, error, next_attempt_at: null });
        recordDeliveryAttempt(deps.metrics, 'dead');
        return;
      }
      const response = await send(delivery, subscription);
      // Read again: the subscription may have been deleted, or its health changed by another delivery, meanwhile.
      const current = await subscriptionOf(delivery);
      const verdict = judgeAttempt(response, current ?? subscription, {
        now: deps.clock.now(),
        attempt: delivery.attempt,
        policy: options.retry,
        random,
        disableAfterMs: options.disableAfterMs,
      });
      if (current) await saveSubscription(current, verdict.subscription);
      await record(delivery, verdict.delivery);
      recordDeliveryAttempt(deps.metrics, attemptOutcome(verdict));
    } catch (error) {
      // The store failed: the lease runs out and the delivery is tried again.
      deps.logger.error({ delivery_id: delivery.id, error: String(error) }, 'hook delivery could not be recorded');
    }
  }

  const subscriptionOf = async (delivery: DeliveryAttempt): Promise<Subscription | undefined> =>
    (await deps.stores.config.listSubscriptions(delivery.workspace_id)).find((candidate) => candidate.id === delivery.subscription_id);

  async function send(delivery: DeliveryAttempt, subscription: Subscription): Promise<HookResponse> {
    let url: string;
    try {
      // Checked again: the hostname may resolve elsewhere now than when the subscription was made.
      url = await checkTargetUrl(subscription.target_url, { allowPrivateTargets: options.allowPrivateTargets, lookup });
    } catch (error) {
      return { status: null, retryAfter: null, error: error instanceof Error ? error.message : String(error) };
    }
    const body = JSON.stringify(delivery.payload);
    const signing = new StandardWebhook(deps.secrets.decrypt(subscription.secret), { clock: deps.clock });
    const headers = { ...signing.headers(delivery.message_id, body), 'content-type': 'application/json', 'user-agent': userAgent };
    return transport({ url, headers, body, timeoutMs: options.timeoutMs });
  }

  async function saveSubscription(before: Subscription, after: AttemptVerdict['subscription']): Promise<void> {
    if (after === 'delete') {
      await deps.stores.config.deleteSubscription(before.workspace_id, before.id);
      deps.logger.warn({ workspace_id: before.workspace_id, subscription_id: before.id }, 'hook target answered 410 Gone: unsubscribed');
      return;
    }
    if (after.status === 'disabled' && before.status !== 'disabled') {
      deps.logger.warn({ workspace_id: before.workspace_id, subscription_id: before.id, failing_since: after.failing_since }, 'hook subscription disabled after failing for days');
    }
    await deps.stores.config.saveSubscription(after);
  }

  async function record(delivery: DeliveryAttempt, outcome: AttemptVerdict['delivery']): Promise<void> {
    await deps.stores.deliveries.record(delivery.id, outcome, iso(deps.clock.now()));
    const log = outcome.status === 'succeeded' ? deps.logger.info : deps.logger.warn;
    log.call(
      deps.logger,
      {
        workspace_id: delivery.workspace_id,
        subscription_id: delivery.subscription_id,
        delivery_id: delivery.id,
        message_id: delivery.message_id,
        event: delivery.event,
        attempt: delivery.attempt,
        status: outcome.status,
        response_status: outcome.response_status,
        error: outcome.error,
        next_attempt_at: outcome.next_attempt_at,
      },
      'hook delivery attempt',
    );
  }

  const schedule = (ms: number) => {
    if (!started) return;
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = null;
      runDue()
        .catch((error: unknown) => deps.logger.error({ error: String(error) }, 'hook delivery round failed'))
        .finally(() => schedule(options.pollMs));
    }, ms);
  };

  return {
    start() {
      if (started) return;
      started = true;
      schedule(0);
    },
    async stop() {
      started = false;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      await running?.catch(() => 0);
    },
    kick() {
      if (started && !running) schedule(0);
      else if (running) again = true;
    },
    runDue,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
