import { SyncError } from '@synaptiq/shared';
import type { Clock, LeadRecord, Stores } from '@synaptiq/shared';

const stateOf = { keep_separate: 'kept_separate', merge: 'merged' } as const;

/**
 * Closes a "flag for review" case. The relay records the decision; merging the two records is done in the
 * CRM's own merge tool (it keeps the CRM's history and associations right), then marked here as merged.
 */
export async function resolveReview(
  deps: { stores: Pick<Stores, 'leads'>; clock: Clock },
  workspaceId: string,
  leadId: string,
  resolution: keyof typeof stateOf,
): Promise<LeadRecord> {
  const record = await deps.stores.leads.get(workspaceId, leadId);
  if (!record) throw new SyncError('not_found', `There is no lead "${leadId}" in this workspace.`, { details: { lead_id: leadId } });
  if (record.review?.state !== 'open') {
    throw new SyncError('conflict', `Lead "${leadId}" has no open review (${record.review ? `it was ${record.review.state}` : 'it was never flagged'}).`, {
      details: { lead_id: leadId, review: record.review?.state ?? null },
    });
  }
  const at = new Date(deps.clock.now()).toISOString();
  const updated = await deps.stores.leads.update(workspaceId, leadId, { review: { state: stateOf[resolution], resolved_at: at } }, at);
  if (!updated) throw new SyncError('not_found', `Lead "${leadId}" was deleted meanwhile.`);
  return updated;
}
