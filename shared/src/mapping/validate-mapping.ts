import type { CrmObjectType, CrmProperty } from '../schemas/crm';
import type { CrmProvider, MappedObject, WorkspaceSettings } from '../schemas/settings';
import { effectiveMapping } from './default-mappings';
import { requiredCustomProperties, type RequiredCustomProperty } from './custom-properties';
import { numericFields } from './lead-values';
import { providerProfile } from './provider-profile';

/** CRM property types that accept a text or a number value. */
const accepts: Record<'text' | 'number', ReadonlySet<CrmProperty['type']>> = {
  text: new Set(['string', 'enumeration', 'phone_number']),
  number: new Set(['number', 'string']),
};

export interface MappingError {
  object: MappedObject;
  synaptiqField: string;
  crmField: string;
  code: 'crm.invalid_property';
  message: string;
}

export interface MappingValidation {
  errors: MappingError[];
  /** Custom properties the sync needs that the CRM lacks, with their types: what "Create in CRM" creates. */
  missingCustomProperties: RequiredCustomProperty[];
}

type ValidatedSettings = Pick<WorkspaceSettings, 'salesforce' | 'field_mapping' | 'duplicate_strategy'>;

const fixMapping = 'update the field mapping at /admin/settings > CRM > Field Mapping';

/**
 * Checks the workspace's mapping against the CRM's property lists (only the objects whose list is given).
 * A mapped property the CRM lacks is the "Invalid property" error of crm-sync.md's troubleshooting table.
 */
export function validateMapping(
  provider: CrmProvider,
  workspaceSettings: ValidatedSettings,
  crmProperties: Partial<Record<CrmObjectType, CrmProperty[]>>,
): MappingValidation {
  const settings = { ...workspaceSettings, crm: provider };
  const profile = providerProfile(settings);
  const required = requiredCustomProperties(provider, settings);
  const creatable = (object: CrmObjectType, name: string) => required.some((p) => p.objectType === object && p.name === name);
  const errors: MappingError[] = [];

  for (const [object, mapping] of Object.entries(effectiveMapping(settings)) as Array<[MappedObject, Record<string, string | null>]>) {
    const available = crmProperties[object];
    if (!available) continue;
    const byName = new Map(available.map((property) => [property.name, property]));
    for (const [synaptiqField, crmField] of Object.entries(mapping)) {
      if (!crmField) continue;
      const where = `The ${profile.displayName} ${profile.objectLabels[object]} field "${crmField}" (mapped from ${synaptiqField})`;
      const property = byName.get(crmField);
      if (!property) {
        const message = creatable(object, crmField)
          ? `${where} does not exist yet: it is a Synaptiq custom property. Fix: click Create in CRM, or ${fixMapping}.`
          : `${where} does not exist: a mapped CRM field was deleted or renamed. Fix: ${fixMapping}.`;
        errors.push({ object, synaptiqField, crmField, code: 'crm.invalid_property', message });
      } else if (property.readOnly) {
        errors.push({ object, synaptiqField, crmField, code: 'crm.invalid_property', message: `${where} is read-only. Fix: ${fixMapping} and pick a writable field.` });
      } else if (!accepts[numericFields.has(synaptiqField) ? 'number' : 'text'].has(property.type)) {
        const kind = numericFields.has(synaptiqField) ? 'a number' : 'text';
        errors.push({ object, synaptiqField, crmField, code: 'crm.invalid_property', message: `${where} is a ${property.type} field and cannot hold ${kind}. Fix: ${fixMapping} and pick a field of a matching type.` });
      }
    }
  }

  const missingCustomProperties = required.filter((definition) => {
    const available = crmProperties[definition.objectType];
    return available !== undefined && !available.some((property) => property.name === definition.name);
  });
  return { errors, missingCustomProperties };
}
