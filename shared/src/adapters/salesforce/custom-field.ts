import type { CrmProperty, PropertyDefinition } from '../../schemas/crm';
import type { SObjectName } from './to-salesforce';

/**
 * Pure: the Tooling API CustomField body for "Create in CRM". Task and Event fields live on the
 * shared Activity object. A unique definition becomes an External ID + Unique text or number,
 * which is what lets upserts by that field be idempotent.
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customfield.htm
 */

const metadataByType: Record<PropertyDefinition['type'], Record<string, unknown>> = {
  string: { type: 'Text', length: 255 },
  number: { type: 'Number', precision: 18, scale: 2 },
  bool: { type: 'Checkbox', defaultValue: 'false' },
  date: { type: 'Date' },
  datetime: { type: 'DateTime' },
  phone_number: { type: 'Phone' },
  // A picklist needs its values up front, which a definition does not carry: text holds any value.
  enumeration: { type: 'Text', length: 255 },
};

const activityObjects = new Set<SObjectName>(['Task', 'Event']);

export interface CustomFieldRequest {
  body: { FullName: string; Metadata: Record<string, unknown> };
  property: CrmProperty;
}

/** Custom field API names end in `__c`; the label stays as given. */
export function customFieldName(name: string): string {
  return name.endsWith('__c') ? name : `${name}__c`;
}

export function customFieldRequest(sObject: SObjectName, definition: PropertyDefinition): CustomFieldRequest {
  const name = customFieldName(definition.name);
  const owner = activityObjects.has(sObject) ? 'Activity' : sObject;
  const metadata = metadataByType[definition.type];
  const canBeUnique = metadata.type === 'Text' || metadata.type === 'Number';
  return {
    body: {
      FullName: `${owner}.${name}`,
      Metadata: {
        label: definition.label,
        ...metadata,
        ...(definition.description ? { description: definition.description } : {}),
        ...(definition.unique && canBeUnique ? { externalId: true, unique: true } : {}),
        ...(definition.unique && metadata.type === 'Text' ? { caseSensitive: false } : {}),
      },
    },
    property: { name, label: definition.label, type: definition.type, custom: true },
  };
}
