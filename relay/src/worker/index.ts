export { createWorker, drainDepsFor } from './create-worker';
export type { Worker, WorkerStatus } from './create-worker';
export { coreBatchRunner } from './core-batch-runner';
export { expireDeadClaims } from './expire-dead-claims';
export type { LeaseExpiringEventStore } from './expire-dead-claims';
export type { CoreBatchRunnerOptions } from './core-batch-runner';
export { workerOptionsSchema, systemTimers } from './types';
export type {
  BatchInput,
  BatchOutcome,
  BatchRunner,
  CrmFor,
  EventResult,
  Logger,
  OperationOutcome,
  SyncNowProgress,
  SyncNowResult,
  Timers,
  WorkerDeps,
  WorkerOptions,
  WorkerOptionsInput,
} from './types';
export type { SettledBatch } from '../services/process-events';
