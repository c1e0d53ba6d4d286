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
 * Qualification status → the pipeline and stage ids, through the deal settings (labels or ids) and the CRM's
 * pipelines. Salesforce has one list of opportunity stages, so its only "pipeline" is used whatever it is called.
 */
export function resolveDealStage(provider: CrmProvider, deal: DealCreation, pipelines: Pipeline[], status: DealStatus): DealStageResult {
  const pipeline = byIdOrLabel(pipelines, deal.pipeline) ?? (provider === 'salesforce' && pipelines.length === 1 ? pipelines[0] : undefined);
  if (!pipeline) {
    const known = pipelines.map((p) => `"${p.label}"`).join(', ') || 'none';
    return {
      ok: false,
      error: new SyncError('crm.invalid_property', `Deal pipeline "${deal.pipeline}" was not found in the CRM (pipelines: ${known}). ${fixDealSettings}`, {
        details: { setting: 'deal_creation.pipeline', value: deal.pipeline },
      }),
    };
  }
  const wanted = configuredStage(deal)[status];
  const stage = wanted ? byIdOrLabel(pipeline.stages, wanted) : pipeline.stages.find(closedStage[status]);
  if (!stage) {
    const known = pipeline.stages.map((s) => `"${s.label}"`).join(', ');
    const what = wanted ? `Deal stage "${wanted}"` : `A ${status} stage`;
    return {
      ok: false,
      error: new SyncError('crm.invalid_property', `${what} was not found in pipeline "${pipeline.label}" (stages: ${known}). ${fixDealSettings}`, {
        details: { setting: `deal_creation.stage_by_status.${status}`, value: wanted ?? null },
      }),
    };
  }
  return { ok: true, pipeline, stage };
}
