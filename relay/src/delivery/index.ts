export { createDeliveryWorker } from './delivery-worker';
export type { DeliveryWorker, DeliveryWorkerDeps } from './delivery-worker';
export { deliveryOptionsFromEnv, deliveryOptionsSchema, hooksEnvShape } from './delivery-options';
export type { DeliveryOptions, DeliveryOptionsInput } from './delivery-options';
export { fetchTransport, retryAfterMs } from './hook-transport';
export type { HookRequest, HookResponse, HookTransport } from './hook-transport';
export { judgeAttempt } from './delivery-outcome';
