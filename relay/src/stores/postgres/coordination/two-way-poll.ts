import type { Workspace } from '@synaptiq/shared';
import type { Queryable } from '../database';

/** Claims a bidirectional workspace's poll slot; true for exactly one of the instances that saw the poll due. */
export type ClaimTwoWayPoll = (workspace: Workspace, claimedAt: string) => Promise<boolean>;

/**
 * Two-way sync polls each workspace once per `poll_interval_minutes` across instances: one statement inserts the
 * workspace's claim or moves it to `claimedAt` only when the last claim is at least an interval old. Concurrent
 * claimers of one slot queue on the row, and the later ones re-check the condition on the row the first one wrote,
 * so they lose. A failed or crashed poll keeps its slot: the next one is due an interval later, as on one instance.
 * Times are the instances' clocks (like the batched schedule's claim); skew only shifts a slot by the skew.
 */
export function twoWayPollClaimer(db: Queryable): ClaimTwoWayPoll {
  return async (workspace, claimedAt) => {
    const direction = workspace.settings.sync_direction;
    if (direction.direction !== 'bidirectional') return false;
    const at = Date.parse(claimedAt);
    const claimed = await db.run(
      `INSERT INTO two_way_poll_claims AS claim (workspace_id, claimed_at) VALUES (:id, :at::timestamptz)
       ON CONFLICT (workspace_id) DO UPDATE SET claimed_at = excluded.claimed_at
       WHERE claim.claimed_at <= :slot_start::timestamptz`,
      {
        id: workspace.id,
        at: new Date(at).toISOString(),
        slot_start: new Date(at - direction.poll_interval_minutes * 60_000).toISOString(),
      },
    );
    return claimed === 1;
  };
}
