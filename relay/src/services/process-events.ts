import type { Clock, StoredEvent, Stores, SyncErrorJson, SyncLogEntry, Workspace } from '@synaptiq/shared';
import type { RandomSource, RetryPolicy } from '../delivery/retry-schedule';
import { recordBatch, recordDeadLetters } from '../worker/record-batch';
import type { HeldBack } from '../worker/record-batch';
import type { BatchRunner, CrmFor, EventResult, Logger, OperationOutcome } from '../worker/types';

export interface ProcessEventsDeps {
  stores: Stores;
  crmFor: CrmFor;
  runBatch: BatchRunner;
  clock: Clock;
  logger: Logger;
  retry: RetryPolicy;
  random: RandomSource;
  newId: () => string;
  quotaPauseMs: number;
  /** Told about every settled batch (outbound hooks: lead.synced, sync.failed); its failures never fail the batch. */
  onSettled?: ((settled: SettledBatch) => void | Promise<void>) | undefined;
}

/** One batch after its outcome was recorded. */
export interface SettledBatch {
  workspace: Workspace;
  at: string;
  entries: SyncLogEntry[];
  events: Array<{ event: StoredEvent; result: EventResult; operations: OperationOutcome[]; error: SyncErrorJson | null }>;
}

export interface ProcessEventsOutcome {
  results: EventResult[];
  /** Set when the workspace was paused by this batch. */
  pausedBy: SyncErrorJson | null;
}

/**
 * Runs claimed events of one workspace as one batch through the CRM and records every outcome (see recordBatch).
 * A batch is many leads' events in one CRM call, so one bad record can fail records that are fine: an event is
 * only dead-lettered once it failed apart from the others. Would-be dead letters of a batch are split in halves
 * and run again, down to single events, unless both halves fail whole (then the cause is shared, such as a
 * mapping every record trips on, and splitting further would only spend API calls).
 */
export async function processEvents(deps: ProcessEventsDeps, workspace: Workspace, events: StoredEvent[]): Promise<ProcessEventsOutcome> {
  if (events.length === 0) return { results: [], pausedBy: null };
  const first = await recordBatch(deps, workspace, events, events.length > 1);
  if (first.heldBack.length === 0) return first;
  if (first.pausedBy !== null) return { results: [...first.results, ...(await requeue(deps, workspace.id, first.heldBack))], pausedBy: first.pausedBy };
  const isolated = await isolate(deps, workspace.id, first.heldBack);
  return { results: [...first.results, ...isolated.results], pausedBy: isolated.pausedBy };
}

async function isolate(deps: ProcessEventsDeps, workspaceId: string, suspects: HeldBack[]): Promise<ProcessEventsOutcome> {
  const results: EventResult[] = [];
  const halves = suspects.length === 1 ? [suspects] : [suspects.slice(0, Math.ceil(suspects.length / 2)), suspects.slice(Math.ceil(suspects.length / 2))];
  const runs: Array<{ heldBack: HeldBack[]; survivors: number }> = [];
  for (const [index, half] of halves.entries()) {
    // Re-read: the batch before may have moved the owner cursor or paused the workspace.
    const workspace = await deps.stores.config.getWorkspace(workspaceId);
    if (workspace === undefined || workspace.status.paused) {
      results.push(...(await requeue(deps, workspaceId, halves.slice(index).flat())));
      return { results, pausedBy: null };
    }
    const run = await recordBatch(deps, workspace, half.map((item) => item.event), half.length > 1);
    results.push(...run.results);
    if (run.pausedBy !== null) {
      results.push(...(await requeue(deps, workspaceId, [...run.heldBack, ...halves.slice(index + 1).flat()])));
      return { results, pausedBy: run.pausedBy };
    }
    runs.push(run);
  }
  const workspace = await deps.stores.config.getWorkspace(workspaceId);
  const shared = runs.length > 1 && runs.every((run) => run.survivors === 0);
  for (const run of runs) {
    if (run.heldBack.length === 0) continue;
    if (shared && workspace !== undefined) {
      results.push(...(await recordDeadLetters(deps, workspace, run.heldBack)));
      continue;
    }
    const deeper = await isolate(deps, workspaceId, run.heldBack);
    results.push(...deeper.results);
    if (deeper.pausedBy !== null) return { results, pausedBy: deeper.pausedBy };
  }
  return { results, pausedBy: null };
}

/** Returns events to the queue untouched: the workspace paused before they could be told apart. */
async function requeue(deps: ProcessEventsDeps, workspaceId: string, held: HeldBack[]): Promise<EventResult[]> {
  if (held.length === 0) return [];
  await deps.stores.events.release(workspaceId, held.map(({ event }) => event.event_id), new Date(deps.clock.now()).toISOString());
  return held.map(({ event }) => ({ event_id: event.event_id, lead_id: event.lead_id, status: 'pending' }));
}
