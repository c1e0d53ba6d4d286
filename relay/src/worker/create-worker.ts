import { randomUUID } from 'node:crypto';
import { errorFields } from '../logger';
import { countingSettled, timedBatches } from '../metrics';
import { createTicker } from '../services/scheduler';
import { coreBatchRunner } from './core-batch-runner';
import type { DrainDeps } from './drain';
import { systemTimers, workerOptionsSchema } from './types';
import type { SyncNowProgress, SyncNowResult, WorkerDeps, WorkerOptions } from './types';
import { WorkspaceLoop } from './workspace-loop';
import type { WorkspaceLoopStatus } from './workspace-loop';

export interface WorkerStatus {
  started: boolean;
  stopping: boolean;
  workspaces: WorkspaceLoopStatus[];
}

export interface Worker {
  /** Starts the ticks: due work of every workspace runs, including what was stored while the relay was down. */
  start(): void;
  /** Takes no new work, finishes the batches in flight (or returns their events to the queue after a timeout). */
  stop(): Promise<void>;
  /** A new event of the workspace was stored (real-time mode runs it within the coalescing window). */
  kick(workspaceId: string): void;
  /** Runs everything pending of the workspace now, in any sync mode. */
  syncNow(workspaceId: string, onProgress?: (progress: SyncNowProgress) => void): Promise<SyncNowResult>;
  /** Clears a pause (call it after the user changed what caused it; ticks also notice settings changes). */
  resume(workspaceId: string): Promise<void>;
  status(): WorkerStatus;
  /** Resolves when no tick or batch is running or queued (tests, and shutdown diagnostics). */
  idle(): Promise<void>;
}

/** What a queue drain needs, from the worker's deps (the CLI's Sync Now drains with the same). */
export function drainDepsFor(deps: WorkerDeps, options: WorkerOptions): DrainDeps {
  return {
    stores: deps.stores,
    crmFor: deps.crmFor,
    runBatch: timedBatches(deps.runBatch ?? coreBatchRunner(), deps.metrics),
    clock: deps.clock,
    logger: deps.logger,
    retry: options.retry,
    random: deps.random ?? Math.random,
    newId: deps.newId ?? (() => `log_${randomUUID()}`),
    quotaPauseMs: options.quotaPauseMs,
    onSettled: countingSettled(deps.onSettled, deps.metrics),
    maxBatchSize: options.maxBatchSize,
    leaseMs: options.leaseMs,
  };
}

/**
 * The sync worker: one claim loop per workspace, fed by kicks (real-time), ticks (batched schedules, polls
 * for due retries, automatic resume) and Sync Now. Each loop runs claimed events as one batch through the core.
 */
export function createWorker(deps: WorkerDeps): Worker {
  const options = workerOptionsSchema.parse(deps.options ?? {});
  const timers = deps.timers ?? systemTimers;
  const drainDeps = drainDepsFor(deps, options);
  let started = false;
  let stopping = false;
  const loops = new Map<string, WorkspaceLoop>();
  const context = { deps: drainDeps, options, timers, isAcceptingWork: () => started && !stopping, claimScheduledRun: deps.claimScheduledRun };

  const loopFor = (workspaceId: string): WorkspaceLoop => {
    let loop = loops.get(workspaceId);
    if (loop === undefined) {
      loop = new WorkspaceLoop(workspaceId, context);
      loops.set(workspaceId, loop);
    }
    return loop;
  };

  const ticker = createTicker(timers, options.tickMs, async () => {
    try {
      const workspaces = await deps.stores.config.listWorkspaces();
      for (const workspace of workspaces) await loopFor(workspace.id).tick(workspace);
    } catch (error) {
      deps.logger.error({ error: errorFields(error) }, 'worker tick failed; trying again at the next tick');
    }
  });

  const idle = async (): Promise<void> => {
    for (;;) {
      const tick = ticker.current();
      if (tick !== null) await tick;
      await Promise.all([...loops.values()].map((loop) => loop.idle()));
      if (ticker.current() === null && [...loops.values()].every((loop) => !loop.status().running)) return;
    }
  };

  return {
    start() {
      if (started) return;
      started = true;
      ticker.start();
      deps.logger.info({ mode_options: { coalesce_ms: options.coalesceMs, max_batch_size: options.maxBatchSize } }, 'sync worker started');
    },
    async stop() {
      if (!started || stopping) return;
      stopping = true;
      ticker.stop();
      const tick = ticker.current();
      if (tick !== null) await tick;
      await Promise.all([...loops.values()].map((loop) => loop.stop(options.stopTimeoutMs)));
      deps.logger.info({}, 'sync worker stopped');
    },
    kick: (workspaceId) => loopFor(workspaceId).kick(),
    syncNow: (workspaceId, onProgress) => loopFor(workspaceId).syncNow(onProgress),
    resume: (workspaceId) => loopFor(workspaceId).resume(),
    status: () => ({ started, stopping, workspaces: [...loops.values()].map((loop) => loop.status()) }),
    idle,
  };
}
