import type { Workspace } from '@synaptiq/shared';
import { nextBatchAt } from '../../../services/scheduler';
import type { Queryable } from '../database';

/** Claims a batched workspace's scheduled run; true for exactly one of the instances that saw it due. */
export type ClaimScheduledRun = (workspace: Workspace, firedAt: string) => Promise<boolean>;

/**
 * The batched-mode schedule fires once per workspace, not once per instance: the instance that moves
 * `status.last_batch_at` from the value it saw to `firedAt` (a compare-and-set in one UPDATE) runs the batch;
 * the others saw the same due time, lose the race, and find the next run due only an interval later.
 * `workspace` must be the copy read just before (the worker re-reads it): a run queued by an older tick finds
 * the schedule no longer due and does not fire.
 */
export function batchScheduleClaimer(db: Queryable): ClaimScheduledRun {
  return async (workspace, firedAt) => {
    const dueAt = nextBatchAt(workspace);
    if (dueAt === null || dueAt > Date.parse(firedAt)) return false;
    const changed = await db.run(
      `UPDATE workspaces
       SET document = jsonb_set(document, '{status,last_batch_at}', to_jsonb(:fired_at::text)), version = version + 1, updated_at = now()
       WHERE id = :id AND (document #>> '{status,last_batch_at}') IS NOT DISTINCT FROM :seen::text`,
      { id: workspace.id, fired_at: new Date(firedAt).toISOString(), seen: workspace.status.last_batch_at },
    );
    return changed === 1;
  };
}
