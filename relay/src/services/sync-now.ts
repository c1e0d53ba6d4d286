import type { Stores } from '@synaptiq/shared';
import { drainQueue } from '../worker/drain';
import type { DrainControl, DrainDeps, DrainOutcome } from '../worker/drain';
import { resumedStatus, updateWorkspace } from '../worker/pause';
import type { EventResult, SyncNowProgress, SyncNowResult } from '../worker/types';

/**
 * Sync Now: runs everything pending of one workspace, whatever its sync mode. A paused workspace is
 * resumed first, since the user is asking to try again (it pauses again if the cause is still there).
 */
export async function syncNow(
  deps: DrainDeps,
  workspaceId: string,
  control: Omit<DrainControl, 'onBatch'>,
  onProgress?: (progress: SyncNowProgress) => void,
): Promise<SyncNowResult & { drain: DrainOutcome }> {
  const workspace = await deps.stores.config.getWorkspace(workspaceId);
  if (workspace?.status.paused) await updateWorkspace(deps.stores.config, workspaceId, resumedStatus);

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
