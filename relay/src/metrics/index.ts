export { createRelayMetrics, recordDeliveryAttempt } from './relay-metrics';
export type { DeliveryAttemptOutcome, QueueSource, RelayMetrics, RelayMetricsOptions } from './relay-metrics';
export { errorClassOf, instrumentCrm, instrumentCrmFor } from './instrument-crm';
export { countingSettled, timedBatches } from './worker-metrics';
export { metricsEnvShape } from './metrics-env';
