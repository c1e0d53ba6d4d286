import type { StoredEvent, SyncErrorJson, Workspace } from '@synaptiq/shared';
import { processEvents } from '../services/process-events';
import type { ProcessEventsDeps } from '../services/process-events';
import type { EventResult } from './types';

export interface DrainDeps extends ProcessEventsDeps {
  maxBatchSize: number;
  leaseMs: number;
}

export interface DrainControl {
  /** Checked before each claim: a stopping worker takes no new work. */
  shouldStop(): boolean;
  /** The events being worked on, so a stop that times out can return them to the queue. */
  onClaimed(events: StoredEvent[]): void;
  onBatch?(results: EventResult[]): void;
}

export interface DrainOutcome {
  results: EventResult[];
  batches: number;
  pausedBy: SyncErrorJson | null;
  /** The workspace as last read (settings of the last batch). */
  workspace: Workspace | undefined;
}

/**
 * Claims and runs one workspace's due events, a batch at a time, until none are due, the workspace pauses
 * or the worker stops. Re-reads the workspace before each batch so changed settings apply at once.
 */
export async function drainQueue(deps: DrainDeps, workspaceId: string, control: DrainControl): Promise<DrainOutcome> {
  const results: EventResult[] = [];
  let batches = 0;
  let workspace: Workspace | undefined;
  // Due as of the start: an event that fails in this run and is scheduled to retry (5 s at first) while the run
  // goes on waits for the next run, so one run (one Sync Now press) tries each event once.
  const dueBy = new Date(deps.clock.now()).toISOString();
  for (;;) {
    if (control.shouldStop()) break;
    workspace = await deps.stores.config.getWorkspace(workspaceId);
    if (workspace === undefined || workspace.status.paused) break;
    const now = deps.clock.now();
    const claimed = await deps.stores.events.claim({
      workspaceIds: [workspaceId],
      now: dueBy,
      limit: deps.maxBatchSize,
      leaseUntil: new Date(now + deps.leaseMs).toISOString(),
    });
    if (claimed.length === 0) break;
    control.onClaimed(claimed);
    const outcome = await processEvents(deps, workspace, claimed);
    control.onClaimed([]);
    batches += 1;
    results.push(...outcome.results);
    control.onBatch?.(outcome.results);
    if (outcome.pausedBy !== null) return { results, batches, pausedBy: outcome.pausedBy, workspace };
    // Not even a short batch ends the run: the next event of a lead only becomes claimable once its earlier one
    // ended, and it should not wait for the next poll. Every round ends or reschedules what it claimed, so this stops.
  }
  return { results, batches, pausedBy: null, workspace };
}
