import { randomUUID } from 'node:crypto';
import { SyncError, keys } from '@synaptiq/shared';
import type { Clock, LeadRecord, Stores } from '@synaptiq/shared';

const stateOf = { keep_separate: 'kept_separate', merge: 'merged' } as const;
const decisions = { keep_separate: 'kept separate', merge: 'marked as merged' } as const;

/**
 * Closes a "flag for review" case. The relay records the decision, in the lead and in the sync log (so the
 * Sync Log shows the decision next to the flagged record); merging the two records is done in the CRM's own
 * merge tool (it keeps the CRM's history and associations right), then marked here as merged.
 */
export async function resolveReview(
  deps: { stores: Pick<Stores, 'leads' | 'links' | 'syncLog'>; clock: Clock },
  workspaceId: string,
  leadId: string,
  resolution: keyof typeof stateOf,
  via: 'the admin console' | 'the API',
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
  const contact = (await deps.stores.links.getMany(workspaceId, [keys.contact(leadId)])).get(keys.contact(leadId));
  const suspected = record.dedup?.record?.id;
  await deps.stores.syncLog.append([
    {
      id: `log_${randomUUID()}`,
      workspace_id: workspaceId,
      at,
      event_id: null,
      lead_id: leadId,
      record_type: 'contact',
      action: 'review',
      status: 'success',
      crm_id: contact?.crm_id ?? null,
      crm_url: contact?.url ?? null,
      error: null,
      message: `Possible duplicate ${decisions[resolution]} through ${via}${suspected ? ` (suspected original: ${suspected})` : ''}.`,
      retry_count: 0,
    },
  ]);
  return updated;
}
