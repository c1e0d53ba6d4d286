import type { CrmAdapter, WorkspaceSettings } from '@synaptiq/shared';
import { resolveDealStage } from '@synaptiq/shared/mapping/deal-stage';
import type { DealStatus } from '@synaptiq/shared/mapping/deal-stage';

/** The statuses whose stage the settings name explicitly (won/lost fall back to the pipeline's closed stages). */
const namedStatuses = (settings: WorkspaceSettings): DealStatus[] => {
  const named = Object.keys(settings.deal_creation.stage_by_status) as DealStatus[];
  return [...new Set<DealStatus>(['qualified', ...named])];
};

/**
 * The deal pipeline and stages the settings name, checked against the CRM's pipelines, so a typo is
 * refused when saved instead of skipping every deal later.
 * https://developers.hubspot.com/docs/api/crm/pipelines · https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_opportunitystage.htm
 */
export async function checkDealStages(crm: CrmAdapter, settings: WorkspaceSettings): Promise<Array<{ setting: string; message: string }>> {
  if (!settings.deal_creation.enabled) return [];
  const pipelines = await crm.listPipelines();
  const errors: Array<{ setting: string; message: string }> = [];
  for (const status of namedStatuses(settings)) {
    const result = resolveDealStage(settings.crm, settings.deal_creation, pipelines, status);
    if (!result.ok) {
      const setting = String(result.error.details.setting ?? 'deal_creation');
      if (!errors.some((error) => error.message === result.error.message)) errors.push({ setting, message: result.error.message });
    }
  }
  return errors;
}
