export { createDeliveryWorker } from './delivery-worker';
export type { DeliveryWorker, DeliveryWorkerDeps } from './delivery-worker';
export { deliveryOptionsFromEnv, deliveryOptionsSchema, hooksEnvShape } from './delivery-options';
export type { DeliveryOptions, DeliveryOptionsInput } from './delivery-options';
export { retryAfterMs } from './hook-transport';
export { httpTransport } from './http-transport';
export type { HttpTransportOptions } from './http-transport';
export type { HookRequest, HookResponse, HookTransport } from './hook-transport';
export { judgeAttempt } from './delivery-outcome';
