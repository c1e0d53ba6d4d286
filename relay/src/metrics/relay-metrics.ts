import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { eventStatuses } from '@synaptiq/shared';
import type { Clock, Stores } from '@synaptiq/shared';

/**
 * The relay's Prometheus instruments, on a registry of their own (not prom-client's global one), so two
 * relays in one process, or two tests, never share a count. https://github.com/siimon/prom-client#registry
 */

/** Where the queue gauges read from on each scrape. */
export interface QueueSource {
  stores: { config: Pick<Stores['config'], 'listWorkspaces'>; events: Pick<Stores['events'], 'countByStatus' | 'oldestPendingAt'> };
  clock: Clock;
}

/** What became of one outbound hook delivery attempt (the delivery worker's verdict). */
export type DeliveryAttemptOutcome = 'succeeded' | 'failed' | 'dead' | 'gone';

export interface RelayMetrics {
  readonly registry: Registry;
  /** A request reached the webhook endpoint (before any check). */
  webhookReceived(): void;
  /** A webhook was stored (`accepted`) or acknowledged as already stored (`duplicate`). */
  webhookAccepted(workspaceId: string, status: 'accepted' | 'duplicate'): void;
  /** A webhook was refused; `reason` is the SyncError code it was answered with. */
  webhookRejected(reason: string): void;
  /** One call of a CrmAdapter method. */
  crmCall(provider: string, operation: string): void;
  /** A failed CRM call (or record of a batch write); `errorClass` is the SyncError code. */
  crmError(provider: string, operation: string, errorClass: string): void;
  /** An event failed and will be tried again later. */
  eventRetried(workspaceId: string, reason: string): void;
  /** An event failed for good and went to the dead letters. */
  eventDeadLettered(workspaceId: string, reason: string): void;
  /** An outbound hook delivery attempt and what became of it. */
  deliveryAttempt(outcome: DeliveryAttemptOutcome): void;
  /** Starts timing one sync batch; call the result with how the batch ended. */
  startSyncTimer(): (outcome: 'ok' | 'error') => void;
  /** Queue depth and age per workspace are read from these stores at each scrape. */
  watchQueues(source: QueueSource): void;
  /** The Prometheus text exposition of every instrument. */
  scrape(): Promise<string>;
}

export interface RelayMetricsOptions {
  /** Node process metrics (CPU, memory, event loop lag, GC): on by default. */
  defaultMetrics?: boolean;
}

const rateLimitCodes = new Set(['crm.rate_limited', 'crm.daily_quota_exhausted']);

export function createRelayMetrics(options: RelayMetricsOptions = {}): RelayMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  let queues: QueueSource | null = null;

  const received = new Counter({ name: 'relay_webhook_events_received_total', help: 'Requests to the inbound webhook endpoint', registers });
  const accepted = new Counter({
    name: 'relay_webhook_events_accepted_total',
    help: 'Inbound events stored (status="accepted") or acknowledged again (status="duplicate")',
    labelNames: ['workspace', 'status'] as const,
    registers,
  });
  const rejected = new Counter({ name: 'relay_webhook_events_rejected_total', help: 'Inbound webhooks refused, by error code', labelNames: ['reason'] as const, registers });
  const crmCalls = new Counter({ name: 'relay_crm_calls_total', help: 'CrmAdapter calls', labelNames: ['provider', 'operation'] as const, registers });
  const crmErrors = new Counter({
    name: 'relay_crm_errors_total',
    help: 'Failed CRM calls and failed records of batch writes, by error class (SyncError code)',
    labelNames: ['provider', 'operation', 'class'] as const,
    registers,
  });
  const rateLimited = new Counter({
    name: 'relay_crm_rate_limited_total',
    help: 'CRM answers of 429 (rate limit or daily quota) that reached the relay after the adapter’s own retries',
    labelNames: ['provider'] as const,
    registers,
  });
  const retries = new Counter({ name: 'relay_event_retries_total', help: 'Events scheduled for another attempt', labelNames: ['workspace', 'reason'] as const, registers });
  const deadLetters = new Counter({ name: 'relay_event_dead_letters_total', help: 'Events dead-lettered', labelNames: ['workspace', 'reason'] as const, registers });
  const deliveries = new Counter({ name: 'relay_hook_delivery_attempts_total', help: 'Outbound hook delivery attempts, by outcome', labelNames: ['outcome'] as const, registers });
  const syncDuration = new Histogram({
    name: 'relay_sync_batch_duration_seconds',
    help: 'Time to run one batch of events through the CRM',
    labelNames: ['outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers,
  });
  new Gauge({
    name: 'relay_queue_events',
    help: 'Events in the queue of each workspace, by status',
    labelNames: ['workspace', 'status'] as const,
    registers,
    async collect() {
      this.reset();
      if (queues === null) return;
      for (const workspace of await queues.stores.config.listWorkspaces()) {
        const counts = await queues.stores.events.countByStatus(workspace.id);
        for (const status of eventStatuses) this.set({ workspace: workspace.id, status }, counts[status]);
      }
    },
  });
  new Gauge({
    name: 'relay_queue_oldest_pending_age_seconds',
    help: 'Age of the oldest pending event of each workspace (0 when none is pending)',
    labelNames: ['workspace'] as const,
    registers,
    async collect() {
      this.reset();
      if (queues === null) return;
      const now = queues.clock.now();
      for (const workspace of await queues.stores.config.listWorkspaces()) {
        const oldest = await queues.stores.events.oldestPendingAt(workspace.id);
        this.set({ workspace: workspace.id }, oldest === null ? 0 : Math.max(0, now - Date.parse(oldest)) / 1000);
      }
    },
  });

  return {
    registry,
    webhookReceived: () => received.inc(),
    webhookAccepted: (workspace, status) => accepted.inc({ workspace, status }),
    webhookRejected: (reason) => rejected.inc({ reason }),
    crmCall: (provider, operation) => crmCalls.inc({ provider, operation }),
    crmError(provider, operation, errorClass) {
      crmErrors.inc({ provider, operation, class: errorClass });
      if (rateLimitCodes.has(errorClass)) rateLimited.inc({ provider });
    },
    eventRetried: (workspace, reason) => retries.inc({ workspace, reason }),
    eventDeadLettered: (workspace, reason) => deadLetters.inc({ workspace, reason }),
    deliveryAttempt: (outcome) => deliveries.inc({ outcome }),
    startSyncTimer() {
      const end = syncDuration.startTimer();
      return (outcome) => void end({ outcome });
    },
    watchQueues(source) {
      queues = source;
    },
    scrape: () => registry.metrics(),
  };
}

/**
 * Counts one outbound hook delivery attempt; the delivery worker calls it with its verdict. A relay without
 * metrics passes undefined, so callers need no check of their own.
 */
export function recordDeliveryAttempt(metrics: Pick<RelayMetrics, 'deliveryAttempt'> | undefined, outcome: DeliveryAttemptOutcome): void {
  metrics?.deliveryAttempt(outcome);
}
