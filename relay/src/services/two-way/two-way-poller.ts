import { toSyncError } from '@synaptiq/shared';
import type { Workspace } from '@synaptiq/shared';
import { systemTimers } from '../../worker/types';
import type { Logger, Timers } from '../../worker/types';
import { createTicker } from '../scheduler';
import { pollWorkspace } from './poll-workspace';
import type { PollDeps, PollSummary } from './poll-workspace';
import { defaultOverlapMs } from './pull-cursor';

export interface TwoWayPollerDeps extends Omit<PollDeps, 'overlapMs'> {
  logger: Logger;
  timers?: Timers | undefined;
  /** How often the poller looks for due workspaces (each one is polled every poll_interval_minutes). */
  tickMs?: number | undefined;
  overlapMs?: number | undefined;
  /**
   * Claims a due poll for this instance: with several instances on one PostgreSQL, only one of them polls a
   * workspace per interval (instanceCoordination().claimTwoWayPoll). Without it (embedded stores, one instance)
   * every due poll runs.
   */
  claimPoll?: ((workspace: Workspace, claimedAt: string) => Promise<boolean>) | undefined;
}

export interface TwoWayPoller {
  start(): void;
  /** Stops ticking and waits for a poll in progress. */
  stop(): Promise<void>;
  /** Polls every due bidirectional workspace once (what each tick does). */
  tick(): Promise<PollSummary[]>;
  /** Polls one workspace now, due or not. */
  poll(workspaceId: string): Promise<PollSummary>;
}

/** When a workspace's next poll is due: at once when it never polled, then every poll_interval_minutes. */
export function pollDueAt(workspace: Workspace, lastAttemptAt: number | undefined): number | null {
  const direction = workspace.settings.sync_direction;
  if (direction.direction !== 'bidirectional' || workspace.status.paused) return null;
  const lastPoll = Date.parse(workspace.status.two_way?.last_poll_at ?? '');
  const last = Math.max(Number.isNaN(lastPoll) ? Number.NEGATIVE_INFINITY : lastPoll, lastAttemptAt ?? Number.NEGATIVE_INFINITY);
  return last + direction.poll_interval_minutes * 60_000;
}

/** Two-way sync for every bidirectional workspace, one poll at a time, on the injected clock and timers. */
export function createTwoWayPoller(deps: TwoWayPollerDeps): TwoWayPoller {
  const pollDeps: PollDeps = { ...deps, overlapMs: deps.overlapMs ?? defaultOverlapMs };
  // A failed poll waits for the next interval too, instead of hammering a CRM that refused it.
  const lastAttempt = new Map<string, number>();

  async function tick(): Promise<PollSummary[]> {
    const summaries: PollSummary[] = [];
    for (const workspace of await deps.stores.config.listWorkspaces()) {
      const now = deps.clock.now();
      const due = pollDueAt(workspace, lastAttempt.get(workspace.id));
      if (due === null || due > now) continue;
      // Claimed or lost, this instance saw the slot: it looks again only an interval later.
      lastAttempt.set(workspace.id, now);
      try {
        if (deps.claimPoll && !(await deps.claimPoll(workspace, new Date(now).toISOString()))) continue;
        const summary = await pollWorkspace(pollDeps, workspace.id);
        if (summary.applied > 0) deps.logger.info({ ...summary }, 'two-way sync applied CRM changes');
        summaries.push(summary);
      } catch (error) {
        const sync = toSyncError(error);
        deps.logger.warn({ workspace_id: workspace.id, code: sync.code, message: sync.message }, 'two-way sync poll failed; trying again at the next interval');
      }
    }
    return summaries;
  }

  const ticker = createTicker(deps.timers ?? systemTimers, deps.tickMs ?? 30_000, async () => {
    await tick();
  });

  return {
    start: () => ticker.start(),
    async stop() {
      ticker.stop();
      await ticker.current();
    },
    tick,
    poll: (workspaceId) => pollWorkspace(pollDeps, workspaceId),
  };
}
