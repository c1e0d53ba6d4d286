import type { SettledBatch } from '../services/process-events';
import type { BatchRunner } from '../worker/types';
import type { RelayMetrics } from './relay-metrics';

/** The batch runner, timed into the sync duration histogram. */
export function timedBatches(runBatch: BatchRunner, metrics: Pick<RelayMetrics, 'startSyncTimer'> | undefined): BatchRunner {
  if (metrics === undefined) return runBatch;
  return async (input) => {
    const stop = metrics.startSyncTimer();
    try {
      const outcome = await runBatch(input);
      stop('ok');
      return outcome;
    } catch (error) {
      stop('error');
      throw error;
    }
  };
}

type SettledListener = (settled: SettledBatch) => void | Promise<void>;

/** The settled-batch listener, preceded by counting the batch's retries and dead letters by error code. */
export function countingSettled(listener: SettledListener | undefined, metrics: Pick<RelayMetrics, 'eventRetried' | 'eventDeadLettered'> | undefined): SettledListener | undefined {
  if (metrics === undefined) return listener;
  return (settled) => {
    for (const { result, error } of settled.events) {
      const reason = error?.code ?? 'internal';
      if (result.status === 'failed') metrics.eventRetried(settled.workspace.id, reason);
      if (result.status === 'dead') metrics.eventDeadLettered(settled.workspace.id, reason);
    }
    return listener?.(settled);
  };
}
