import { SyncError } from '../errors';
import type { Pipeline, PipelineStage } from '../schemas/crm';
import type { CrmProvider, DealCreation } from '../schemas/settings';

/** The qualification statuses that place a deal in a stage. */
export type DealStatus = 'qualified' | 'won' | 'lost' | 'disqualified';

export type DealStageResult = { ok: true; pipeline: Pipeline; stage: PipelineStage } | { ok: false; error: SyncError };

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const byIdOrLabel = <T extends { id: string; label: string }>(items: T[], wanted: string) =>
  items.find((item) => item.id === wanted) ?? items.find((item) => sameName(item.label, wanted));

/** Closed stages the pipeline itself marks, used when the settings name no stage for won/lost. */
const closedStage: Record<DealStatus, (stage: PipelineStage) => boolean> = {
  qualified: () => false,
  won: (stage) => stage.closedWon === true,
  lost: (stage) => stage.closed === true && stage.closedWon !== true,
  disqualified: (stage) => stage.closed === true && stage.closedWon !== true,
};

/** The stage (label or id) the settings name for each status; disqualified leads fall back to the lost stage. */
const configuredStage = (deal: DealCreation): Record<DealStatus, string | undefined> => ({
  qualified: deal.stage_by_status.qualified ?? deal.initial_stage,
  won: deal.stage_by_status.won,
  lost: deal.stage_by_status.lost,
  disqualified: deal.stage_by_status.disqualified ?? deal.stage_by_status.lost,
});

const fixDealSettings = 'Update the pipeline and stage names in deal settings at /admin/settings > CRM > Deal Settings.';

/**
 * crm-sync.md documents the deal defaults in HubSpot's words ("Sales Pipeline", "Qualified Lead"). Salesforce
 * has one opportunity stage list (taken whatever the pipeline setting says) whose standard stage for the same
 * step is "Qualification", so a Salesforce workspace left on the documented default stage lands there.
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_opportunitystage.htm
 */
const salesforceStageForDefault = { documented: 'Qualified Lead', salesforce: 'Qualification' } as const;

function findStage(provider: CrmProvider, pipeline: Pipeline, wanted: string): PipelineStage | undefined {
  const stage = byIdOrLabel(pipeline.stages, wanted);
  if (stage || provider !== 'salesforce' || !sameName(wanted, salesforceStageForDefault.documented)) return stage;
  return byIdOrLabel(pipeline.stages, salesforceStageForDefault.salesforce);
}

/**
 * Qualification status → the pipeline and stage ids, through the deal settings (labels or ids) and the CRM's
 * pipelines. Salesforce has one list of opportunity stages, so its only "pipeline" is used whatever it is called
 * (the default "Sales Pipeline" included), and the documented default stage maps to "Qualification" (above).
 * A failure is crm.invalid_property naming the setting, the value and the valid choices (details.choices):
 * the worker pauses the workspace on it, so deals wait for the fix instead of being silently skipped.
 */
export function resolveDealStage(provider: CrmProvider, deal: DealCreation, pipelines: Pipeline[], status: DealStatus): DealStageResult {
  const pipeline = byIdOrLabel(pipelines, deal.pipeline) ?? (provider === 'salesforce' && pipelines.length === 1 ? pipelines[0] : undefined);
  if (!pipeline) {
    const choices = pipelines.map((p) => p.label);
    const known = choices.map((label) => `"${label}"`).join(', ') || 'none';
    return {
      ok: false,
      error: new SyncError('crm.invalid_property', `Deal pipeline "${deal.pipeline}" was not found in the CRM (pipelines: ${known}). ${fixDealSettings}`, {
        details: { setting: 'deal_creation.pipeline', value: deal.pipeline, choices },
      }),
    };
  }
  const wanted = configuredStage(deal)[status];
  const stage = wanted ? findStage(provider, pipeline, wanted) : pipeline.stages.find(closedStage[status]);
  if (!stage) {
    const choices = pipeline.stages.map((s) => s.label);
    const known = choices.map((label) => `"${label}"`).join(', ');
    const what = wanted ? `Deal stage "${wanted}"` : `A ${status} stage`;
    return {
      ok: false,
      error: new SyncError('crm.invalid_property', `${what} was not found in pipeline "${pipeline.label}" (stages: ${known}). ${fixDealSettings}`, {
        details: { setting: `deal_creation.stage_by_status.${status}`, value: wanted ?? null, pipeline: pipeline.label, choices },
      }),
    };
  }
  return { ok: true, pipeline, stage };
}
