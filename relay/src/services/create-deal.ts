import { randomUUID } from 'node:crypto';
import { SyncError, pickOwner } from '@synaptiq/shared';
import type { Clock, CrmAdapter, CrmProperties, Pipeline, PipelineStage, RecordWrite, Stores, Workspace } from '@synaptiq/shared';
import { applyMapping } from '@synaptiq/shared/mapping/apply-mapping';
import { resolveDealStage } from '@synaptiq/shared/mapping/deal-stage';
import { effectiveMapping } from '@synaptiq/shared/mapping/default-mappings';
import { providerProfile } from '@synaptiq/shared/mapping/provider-profile';
import { addDays, formatCrmDate } from '@synaptiq/shared/mapping/transforms';
import { keys } from '@synaptiq/shared/sync/operations';
import type { DealInput } from '../routes/schemas';
import type { CreatedDeal } from '../routes/responses';
import type { CrmFor } from '../worker/types';
import { linksOfLead } from './lead-view';
import { companyKeys } from '@synaptiq/shared/sync/plan-company';

export interface CreateDealDeps {
  stores: Pick<Stores, 'config' | 'leads' | 'links' | 'syncLog'>;
  crmFor: CrmFor;
  clock: Clock;
  newId?: () => string;
}

const invalidField = (path: string, message: string) =>
  new SyncError('request.invalid', `${path}: ${message}`, { details: { errors: [{ path, message }] } });

/** The pipeline and stage: the ones asked for (checked against the CRM), else the workspace's deal settings. */
function chooseStage(workspace: Workspace, pipelines: Pipeline[], input: DealInput): { pipeline: Pipeline; stage: PipelineStage } {
  const { crm: provider, deal_creation: dealSettings } = workspace.settings;
  const pipelineId = input.pipeline_id;
  const pipeline = pipelineId === undefined ? undefined : pipelines.find((candidate) => candidate.id === pipelineId);
  if (pipelineId !== undefined && !pipeline) throw invalidField('body.pipeline_id', `the CRM has no pipeline "${pipelineId}" (GET /v1/crm/pipelines lists them)`);
  const resolved = resolveDealStage(provider, pipeline ? { ...dealSettings, pipeline: pipeline.id } : dealSettings, pipelines, 'qualified');
  const chosenPipeline = pipeline ?? (resolved.ok ? resolved.pipeline : undefined);
  if (!chosenPipeline) throw resolved.ok ? invalidField('body.pipeline_id', 'no pipeline found') : resolved.error;
  if (input.stage_id !== undefined) {
    const stage = chosenPipeline.stages.find((candidate) => candidate.id === input.stage_id);
    if (!stage) throw invalidField('body.stage_id', `pipeline "${chosenPipeline.label}" has no stage "${input.stage_id}"`);
    return { pipeline: chosenPipeline, stage };
  }
  // A pipeline other than the settings' one starts at the settings' stage label when it has one, else at its first open stage.
  const stage = (resolved.ok ? resolved.stage : undefined) ?? chosenPipeline.stages.find((candidate) => !candidate.closed);
  if (!stage) throw invalidField('body.stage_id', `pipeline "${chosenPipeline.label}" has no open stage; name one`);
  return { pipeline: chosenPipeline, stage };
}

/** The owner asked for, else the workspace's owner assignment (round robin moves the stored cursor). */
async function chooseOwner(deps: CreateDealDeps, workspace: Workspace, crm: CrmAdapter, ownerId: string | undefined): Promise<string | undefined> {
  if (ownerId !== undefined) return ownerId;
  const { deal_creation: dealSettings } = workspace.settings;
  if (dealSettings.owner_assignment === 'none') return undefined;
  const picked = pickOwner(dealSettings, dealSettings.owner_assignment === 'fixed' ? [] : await crm.listOwners(), workspace.owner_cursor);
  if (picked.nextCursor !== workspace.owner_cursor) {
    const latest = (await deps.stores.config.getWorkspace(workspace.id)) ?? workspace;
    await deps.stores.config.saveWorkspace({ ...latest, owner_cursor: picked.nextCursor });
  }
  return picked.ownerId;
}

/**
 * POST /v1/deals: writes a deal for a lead to the CRM now (not through the queue), attached to the lead's
 * contact and company, under the same idempotency key the worker uses, so the sync never makes a second one.
 * https://developers.hubspot.com/docs/api/crm/deals · https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_opportunity.htm
 */
export async function createDeal(deps: CreateDealDeps, workspace: Workspace, input: DealInput): Promise<CreatedDeal> {
  const record = await deps.stores.leads.get(workspace.id, input.lead_id);
  if (!record) throw new SyncError('not_found', `There is no lead "${input.lead_id}" in this workspace.`, { details: { lead_id: input.lead_id } });
  const key = keys.deal(record.lead_id);
  const links = await linksOfLead(deps.stores, workspace.id, record);
  const existing = links.get(key);
  if (existing) {
    throw new SyncError('conflict', `Lead "${record.lead_id}" already has a deal in the CRM (${existing.crm_id}); update it there.`, {
      details: { lead_id: record.lead_id, deal_id: existing.crm_id },
    });
  }
  const { byDomain, byName } = companyKeys(record.lead);
  const associations: NonNullable<RecordWrite['associations']> = [];
  const contact = links.get(keys.contact(record.lead_id));
  const company = (byDomain && links.get(byDomain)) || (byName && links.get(byName)) || undefined;
  if (contact) associations.push({ objectType: 'contact', id: contact.crm_id });
  if (company) associations.push({ objectType: 'company', id: company.crm_id });
  if (associations.length === 0) {
    throw new SyncError('conflict', `Lead "${record.lead_id}" has no contact or company in the CRM yet to attach the deal to: run Sync Now (POST /v1/sync) first.`, {
      details: { lead_id: record.lead_id },
    });
  }

  const crm = await deps.crmFor(workspace);
  const { pipeline, stage } = chooseStage(workspace, await crm.listPipelines(), input);
  const ownerId = await chooseOwner(deps, workspace, crm, input.owner_id);
  const now = new Date(deps.clock.now()).toISOString();
  const closeDate = input.close_date ?? addDays(now, workspace.settings.deal_creation.close_in_days).slice(0, 10);
  const amount = input.amount ?? record.lead.estimated_value ?? workspace.settings.deal_creation.default_amount ?? null;
  const companyName = record.lead.company?.name?.trim();
  const name = input.name ?? (companyName ? `${companyName} – ${record.lead.name}` : record.lead.name);
  const provider = workspace.settings.crm;
  const profile = providerProfile(workspace.settings);
  // HubSpot's deal close date is `closedate`, optional, so it is written only when asked for.
  const closeDateProperty = profile.deal.closeDate ?? (input.close_date !== undefined ? 'closedate' : null);
  const properties: CrmProperties = {
    ...(profile.deal.pipeline ? { [profile.deal.pipeline]: pipeline.id } : {}),
    ...(ownerId ? { [profile.deal.owner]: ownerId } : {}),
    ...(closeDateProperty ? { [closeDateProperty]: formatCrmDate(provider, 'date', `${closeDate}T00:00:00Z`) } : {}),
    ...applyMapping('deal', effectiveMapping(workspace.settings).deal, { lead: record.lead, deal: { name, stageId: stage.id, amount } }),
  };

  const [result] = await crm.upsertRecords('deal', [{ key, properties, associations }]);
  if (!result || !result.ok) {
    const error = result?.error;
    throw new SyncError(error?.code ?? 'internal', error?.message ?? 'The CRM returned no result for the deal.', { details: error?.details ?? {} });
  }
  const url = result.url ?? crm.recordUrl('deal', result.id);
  await deps.stores.links.put(workspace.id, [{ key, object_type: 'deal', crm_id: result.id, url }]);
  await deps.stores.syncLog.append([
    {
      id: `log_${(deps.newId ?? randomUUID)()}`,
      workspace_id: workspace.id,
      at: now,
      event_id: null,
      lead_id: record.lead_id,
      record_type: 'deal',
      action: 'create',
      status: 'success',
      crm_id: result.id,
      crm_url: url,
      error: null,
      message: `deal created through the API in "${pipeline.label}" at "${stage.label}"`,
      retry_count: 0,
    },
  ]);
  return { id: result.id, url, lead_id: record.lead_id, pipeline_id: pipeline.id, stage_id: stage.id, amount, owner_id: ownerId ?? null, close_date: closeDate, name };
}
