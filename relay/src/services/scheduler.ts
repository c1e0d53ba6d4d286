import type { Workspace } from '@synaptiq/shared';
import type { Timers } from '../worker/types';

/**
 * When a workspace's queue runs without being asked. Real-time: on every new event (see the worker's
 * coalescing window) and, for due retries and leftovers, every `pollMs`; batched: every `interval_minutes`
 * after the last batch; manual: never (only Sync Now). Pure: time comes in as `now`.
 */

export type RunTrigger = 'poll' | 'schedule';

/** When the next batch of a batched workspace is due (at once when it never ran), or null in the other modes. */
export function nextBatchAt(workspace: Workspace): number | null {
  const mode = workspace.settings.sync_mode;
  if (mode.mode !== 'batched') return null;
  const last = workspace.status.last_batch_at === null ? Number.NaN : Date.parse(workspace.status.last_batch_at);
  return Number.isNaN(last) ? Number.NEGATIVE_INFINITY : last + mode.interval_minutes * 60_000;
}

/** Whether a tick at `now` should run the workspace's queue, and why. */
export function dueTrigger(workspace: Workspace, lastRunAt: number | null, now: number, pollMs: number): RunTrigger | null {
  if (workspace.status.paused) return null;
  switch (workspace.settings.sync_mode.mode) {
    case 'realtime':
      return lastRunAt === null || now - lastRunAt >= pollMs ? 'poll' : null;
    case 'batched':
      return (nextBatchAt(workspace) ?? Number.POSITIVE_INFINITY) <= now ? 'schedule' : null;
    case 'manual':
      return null;
  }
}

export interface Ticker {
  start(): void;
  stop(): void;
  /** The tick in progress, if any (tests wait for it). */
  current(): Promise<void> | null;
}

/** Calls `onTick` every `tickMs`, never two at once: the next tick is armed after the previous one ends. */
export function createTicker(timers: Timers, tickMs: number, onTick: () => Promise<void>): Ticker {
  let handle: unknown = null;
  let running: Promise<void> | null = null;
  let active = false;

  const arm = (ms: number) => {
    handle = timers.setTimeout(fire, ms);
  };
  function fire(): void {
    handle = null;
    running = onTick().finally(() => {
      running = null;
      if (active) arm(tickMs);
    });
  }

  return {
    start() {
      if (active) return;
      active = true;
      arm(0);
    },
    stop() {
      active = false;
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
    current: () => running,
  };
}
