import { SyncError } from '@synaptiq/shared';
import type { LeadFilter, PageRequest, Stores, Workspace } from '@synaptiq/shared';
import type { CrmFor } from '../worker/types';
import { linksOfLead, presentLead } from './lead-view';
import type { CrmNaming, LeadView } from './lead-view';

export interface LeadQueryDeps {
  stores: Pick<Stores, 'leads' | 'links'>;
  crmFor: CrmFor;
}

async function namingFor(deps: LeadQueryDeps, workspace: Workspace): Promise<CrmNaming> {
  const crm = await deps.crmFor(workspace);
  return { provider: workspace.settings.crm, recordUrl: (objectType, id) => crm.recordUrl(objectType, id) };
}

/** Leads of the workspace, newest first, with their CRM records. */
export async function listLeads(deps: LeadQueryDeps, workspace: Workspace, filter: LeadFilter, page: PageRequest): Promise<{ data: LeadView[]; next_cursor: string | null }> {
  const result = await deps.stores.leads.list(workspace.id, filter, page);
  const naming = await namingFor(deps, workspace);
  const data = await Promise.all(result.items.map(async (record) => presentLead(record, await linksOfLead(deps.stores, workspace.id, record), naming)));
  return { data, next_cursor: result.next_cursor };
}

export async function getLead(deps: LeadQueryDeps, workspace: Workspace, leadId: string): Promise<LeadView> {
  const record = await deps.stores.leads.get(workspace.id, leadId);
  if (!record) throw new SyncError('not_found', `There is no lead "${leadId}" in this workspace.`, { details: { lead_id: leadId } });
  return presentLead(record, await linksOfLead(deps.stores, workspace.id, record), await namingFor(deps, workspace));
}
