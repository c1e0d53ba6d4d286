import { SyncError, requiredCustomProperties } from '@synaptiq/shared';
import type { CrmAdapter, CrmObjectType, Workspace } from '@synaptiq/shared';
import { checkMapping } from './check-mapping';

/** Read-only CRM lists for the settings screens and Zapier dropdowns, and "Create in CRM". */

/**
 * Verify Connection: who the credentials reach.
 * https://developers.hubspot.com/docs/api/settings/account-information-api · https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_openid.htm (identity URL)
 */
export async function verifyCrm(crm: CrmAdapter) {
  const info = await crm.verifyConnection();
  return { ok: true as const, account: { id: info.accountId, name: info.accountName ?? null, provider: info.provider, scopes: info.scopes ?? [] } };
}

/** https://developers.hubspot.com/docs/api/crm/properties · https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm */
export async function listCrmProperties(crm: CrmAdapter, object: CrmObjectType) {
  const properties = await crm.listProperties(object);
  return { data: properties.map(({ name, label, type, custom }) => ({ name, label, type, custom })) };
}

/** https://developers.hubspot.com/docs/api/crm/pipelines · https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_opportunitystage.htm */
export async function listPipelines(crm: CrmAdapter) {
  const pipelines = await crm.listPipelines();
  return { data: pipelines.map(({ id, label, stages }) => ({ id, label, stages: stages.map((stage) => ({ id: stage.id, label: stage.label })) })) };
}

export async function listStages(crm: CrmAdapter, pipelineId: string) {
  const pipeline = (await crm.listPipelines()).find((candidate) => candidate.id === pipelineId);
  if (!pipeline) throw new SyncError('not_found', `The CRM has no pipeline "${pipelineId}"; GET /v1/crm/pipelines lists them.`, { details: { pipeline_id: pipelineId } });
  return { data: pipeline.stages.map((stage) => ({ id: stage.id, label: stage.label })) };
}

/**
 * Active users only: they are the ones records can be assigned to.
 * https://developers.hubspot.com/docs/api/crm/owners · https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_user.htm
 */
export async function listOwners(crm: CrmAdapter) {
  const owners = await crm.listOwners();
  return { data: owners.filter((owner) => owner.active).map((owner) => ({ id: owner.id, name: owner.name, email: owner.email ?? null })) };
}

/**
 * "Create in CRM": every custom property the workspace's sync needs that the CRM lacks.
 * https://developers.hubspot.com/docs/api/crm/properties#create-a-property · https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_customfield.htm
 */
export async function createMissingProperties(crm: CrmAdapter, workspace: Workspace): Promise<{ created: string[] }> {
  const objects = [...new Set(requiredCustomProperties(workspace.settings.crm, workspace.settings).map((p) => p.objectType))];
  const { missingCustomProperties } = await checkMapping(crm, workspace.settings, objects);
  const created: string[] = [];
  // One at a time: property creation is rare, and a failure midway leaves a clear list of what exists.
  for (const { objectType, ...definition } of missingCustomProperties) {
    const property = await crm.createProperty(objectType, definition);
    created.push(`${objectType}.${property.name}`);
  }
  return { created };
}
