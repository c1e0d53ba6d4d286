import type { Clock, Stores } from '@synaptiq/shared';

export interface RetentionOptions {
  stores: Pick<Stores, 'events' | 'syncLog'>;
  /** Ended events and sync log entries older than this many days are deleted. */
  maxAgeDays: number;
  clock: Clock;
  /** How often to prune; default hourly. */
  intervalMs?: number;
  /** Told what each run deleted (for a log line or metric). */
  onPruned?: (result: PruneResult) => void;
  /** Told when a run fails; the next run still happens. */
  onError?: (error: unknown) => void;
}

export interface PruneResult {
  before: string;
  events: number;
  syncLog: number;
}

export interface Retention {
  /** One pruning run now. */
  runOnce(): Promise<PruneResult>;
  stop(): void;
}

const dayMs = 24 * 60 * 60 * 1000;

/** One pruning run: ended events and log entries older than `maxAgeDays` (dead letters are kept). */
export async function pruneOlderThan(stores: RetentionOptions['stores'], maxAgeDays: number, clock: Clock): Promise<PruneResult> {
  assertMaxAge(maxAgeDays);
  const before = new Date(clock.now() - maxAgeDays * dayMs).toISOString();
  return { before, events: await stores.events.prune(before), syncLog: await stores.syncLog.prune(before) };
}

/**
 * Prunes now and then every `intervalMs`. The timer is unref'd, so it never keeps the process
 * alive, and runs never overlap.
 */
export function startRetention(options: RetentionOptions): Retention {
  const { stores, maxAgeDays, clock, intervalMs = 60 * 60 * 1000, onPruned, onError } = options;
  assertMaxAge(maxAgeDays);
  let running: Promise<PruneResult> | null = null;
  const runOnce = (): Promise<PruneResult> => {
    running ??= pruneOlderThan(stores, maxAgeDays, clock).finally(() => {
      running = null;
    });
    return running;
  };
  const tick = (): void => {
    runOnce().then(onPruned, (error: unknown) => onError?.(error));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return { runOnce, stop: () => clearInterval(timer) };
}

function assertMaxAge(maxAgeDays: number): void {
  if (!(maxAgeDays > 0)) throw new RangeError(`maxAgeDays must be a positive number of days; got ${maxAgeDays}.`);
}
