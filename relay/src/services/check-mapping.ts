import { validateMapping } from '@synaptiq/shared';
import type { CrmAdapter, CrmObjectType, CrmProperty, MappingValidation, WorkspaceSettings } from '@synaptiq/shared';

const mappedObjects: CrmObjectType[] = ['contact', 'company', 'deal'];

/**
 * The workspace's mapping against the live CRM property lists (one listProperties call per mapped object).
 * https://developers.hubspot.com/docs/api/crm/properties · https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
 */
export async function checkMapping(crm: CrmAdapter, settings: WorkspaceSettings, objects: CrmObjectType[] = mappedObjects): Promise<MappingValidation> {
  const lists = await Promise.all(objects.map(async (object) => [object, await crm.listProperties(object)] as const));
  const properties: Partial<Record<CrmObjectType, CrmProperty[]>> = Object.fromEntries(lists);
  return validateMapping(settings.crm, settings, properties);
}
