import type { Stores } from '@synaptiq/shared';
import { maxPageSize } from '../stores/paging';
import { drainQueue } from '../worker/drain';
import type { DrainControl, DrainDeps, DrainOutcome } from '../worker/drain';
import { resumedStatus, updateWorkspace } from '../worker/pause';
import type { EventResult, SyncNowProgress, SyncNowResult } from '../worker/types';

/**
 * Sync Now: runs everything pending of one workspace, whatever its sync mode, failed events waiting for their
 * retry time included (crm-sync.md: "Sync Now to push all pending records"). A paused workspace is resumed
 * first, since the user is asking to try again (it pauses again if the cause is still there).
 */
export async function syncNow(
  deps: DrainDeps,
  workspaceId: string,
  control: Omit<DrainControl, 'onBatch'>,
  onProgress?: (progress: SyncNowProgress) => void,
): Promise<SyncNowResult & { drain: DrainOutcome }> {
  const workspace = await deps.stores.config.getWorkspace(workspaceId);
  if (workspace?.status.paused) await updateWorkspace(deps.stores.config, workspaceId, resumedStatus);
  await releaseWaitingRetries(deps.stores, workspaceId, new Date(deps.clock.now()).toISOString());

  const progress: SyncNowProgress = { pushed: 0, skipped: 0, failed: 0, batches: 0 };
  const drain = await drainQueue(deps, workspaceId, {
    ...control,
    onBatch: (results) => {
      addCounts(progress, results);
      progress.batches += 1;
      onProgress?.({ ...progress });
    },
  });
  return { ...countResults(drain.results), remaining: await remainingEvents(deps.stores, workspaceId), results: drain.results, drain };
}

function addCounts(counts: Omit<SyncNowProgress, 'batches'>, results: EventResult[]): void {
  for (const { status } of results) {
    if (status === 'synced') counts.pushed += 1;
    else if (status === 'skipped') counts.skipped += 1;
    else if (status === 'failed' || status === 'dead') counts.failed += 1;
  }
}

export function countResults(results: EventResult[]): Pick<SyncNowResult, 'pushed' | 'skipped' | 'failed'> {
  const counts = { pushed: 0, skipped: 0, failed: 0 };
  addCounts(counts, results);
  return counts;
}

async function remainingEvents(stores: Stores, workspaceId: string): Promise<number> {
  const counts = await stores.events.countByStatus(workspaceId);
  return counts.pending + counts.failed + counts.processing;
}

/**
 * Makes failed events that wait for their retry time due now: the user pressed the button. Released like a
 * replay, so their attempt count starts again (store contract: release of a failed event); dead letters stay
 * dead (they are replayed one by one from the Sync Log).
 */
async function releaseWaitingRetries(stores: Stores, workspaceId: string, now: string): Promise<void> {
  // Ids first, release after: releasing while paging would move events out of the filter under the cursor.
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await stores.events.list(workspaceId, { status: 'failed' }, { limit: maxPageSize, cursor });
    ids.push(...page.items.map((event) => event.event_id));
    cursor = page.next_cursor;
  } while (cursor !== null);
  if (ids.length > 0) await stores.events.release(workspaceId, ids, now);
}
