import type { CrmProperties } from '../schemas/crm';
import type { FieldMapping, MappedObject, SynaptiqField } from '../schemas/settings';
import { synaptiqValues, type MappingContext } from './lead-values';

/**
 * Applies one object's mapping to a lead: every mapped Synaptiq field whose value is set becomes a CRM property.
 * Fields mapped to null, and values the lead does not have, are left out (so an update never blanks CRM data).
 */
export function applyMapping<O extends MappedObject>(object: O, mapping: FieldMapping[O], context: MappingContext): CrmProperties {
  const values = synaptiqValues[object] as Record<SynaptiqField<O>, (context: MappingContext) => CrmProperties[string] | undefined>;
  const properties: CrmProperties = {};
  for (const [field, crmField] of Object.entries(mapping) as Array<[SynaptiqField<O>, string | null | undefined]>) {
    if (!crmField) continue;
    const value = values[field](context);
    if (value !== undefined && value !== null) properties[crmField] = value;
  }
  return properties;
}
