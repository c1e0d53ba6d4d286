import { createHash } from 'node:crypto';
import type { ChangePage, CrmAdapter, CrmProvider, LeadRecord, Pipeline, Stores, SyncLogEntry, Workspace } from '@synaptiq/shared';
import type { EmitHookEvent } from '../hooks/emit';
import { linksOfLead, presentLead } from '../lead-view';
import { contactValues, dealValues } from './crm-values';
import { planPull } from './plan-pull';

type ChangedRecord = ChangePage['records'][number];

/** What one poll looks up at most once, and only when a change needs it. */
export interface PullContext {
  workspace: Workspace;
  provider: CrmProvider;
  pullFields: Parameters<typeof planPull>[0]['pullFields'];
  crm: CrmAdapter;
  stores: Pick<Stores, 'links' | 'leads' | 'syncLog'>;
  pipelines: () => Promise<Pipeline[]>;
  ownerNames: () => Promise<ReadonlyMap<string, string>>;
  emit?: EmitHookEvent | undefined;
  at: string;
}

export type ApplyOutcome = 'applied' | 'unchanged' | 'unlinked' | 'older_than_lead';

/** `lead:<id>:contact` or `lead:<id>:deal`; link-only marker keys and other records are not the lead's own. */
const ownLeadKey = /^lead:(.+):(contact|deal)$/;

/** A stable id per (record, modified time): the same change logged or announced twice is the same entry. */
const pullEntryId = (workspaceId: string, record: ChangedRecord): string =>
  `log_pull_${createHash('sha256').update([workspaceId, record.objectType, record.id, record.updatedAt].join('\u0000')).digest('hex').slice(0, 24)}`;

/**
 * Applies one changed CRM record to the lead it was synced from: only the pulled fields, only when the
 * CRM edit is newer than the lead's last update (a newer Synaptiq value is on its way to the CRM), and
 * with a sync log entry (action "pull") and a lead.crm_updated hook when something changed. Reads only.
 */
export async function applyChange(context: PullContext, record: ChangedRecord): Promise<ApplyOutcome> {
  const { workspace, stores } = context;
  const link = await stores.links.findByCrmId(workspace.id, record.objectType, record.id);
  const leadId = link && ownLeadKey.exec(link.key)?.[1];
  if (!leadId) return 'unlinked';
  const lead = await stores.leads.get(workspace.id, leadId);
  if (!lead) return 'unlinked';
  if (Date.parse(record.updatedAt) < Date.parse(lead.updated_at)) return 'older_than_lead';

  const values =
    record.objectType === 'contact'
      ? { contact: contactValues(context.provider, record.properties) }
      : { deal: dealValues(context.provider, record.properties, await context.pipelines()) };
  const plan = planPull({
    record: lead,
    pullFields: context.pullFields,
    ...values,
    ownerNames: await ownerNamesIfNeeded(context, lead, values.contact?.owner_id ?? values.deal?.owner_id),
    phoneRegion: context.workspace.settings.default_phone_region,
  });
  if (plan.changes.length === 0) return 'unchanged';

  const updated = await stores.leads.update(workspace.id, leadId, plan.patch, context.at);
  if (!updated) return 'unlinked';
  const entry = logEntry(context, record, leadId, plan.changes.map((change) => change.field));
  await stores.syncLog.append([entry]);
  if (context.emit) {
    const view = presentLead(updated, await linksOfLead(stores, workspace.id, updated), {
      provider: context.provider,
      recordUrl: (type, id) => context.crm.recordUrl(type, id),
    });
    await context.emit(workspace.id, 'lead.crm_updated', { ...view, changes: plan.changes }, { sourceId: entry.id });
  }
  return 'applied';
}

/** Owners are listed (once per poll) only for a record whose owner differs from the lead's. */
async function ownerNamesIfNeeded(context: PullContext, lead: LeadRecord, ownerId: string | undefined): Promise<ReadonlyMap<string, string>> {
  const needed = context.pullFields.includes('owner') && ownerId !== undefined && ownerId !== lead.crm_owner?.id;
  return needed ? context.ownerNames() : new Map();
}

function logEntry(context: PullContext, record: ChangedRecord, leadId: string, fields: string[]): SyncLogEntry {
  return {
    id: pullEntryId(context.workspace.id, record),
    workspace_id: context.workspace.id,
    at: context.at,
    event_id: null,
    lead_id: leadId,
    record_type: record.objectType,
    action: 'pull',
    status: 'success',
    crm_id: record.id,
    crm_url: context.crm.recordUrl(record.objectType, record.id),
    error: null,
    // Field names only: the values are lead PII and stay in the lead.
    message: `Pulled ${fields.join(', ')} from ${context.provider} (changed there at ${record.updatedAt}).`,
    retry_count: 0,
  };
}
