import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects';
import {
  PropertyCreateFieldTypeEnum,
  PropertyCreateTypeEnum,
  type PropertyCreate,
} from '@hubspot/api-client/lib/codegen/crm/properties';
import { SyncError } from '../../errors';
import type { CrmObjectType, CrmProperties, CrmValue, PropertyDefinition, RecordWrite } from '../../schemas/crm';

/** Pure mapping from the port's unified shapes to HubSpot request bodies. No I/O, no SDK calls. */

export type HubspotObjectType = 'contacts' | 'companies' | 'deals' | 'notes' | 'meetings';

export const hubspotObjectTypes: Record<CrmObjectType, HubspotObjectType> = {
  contact: 'contacts',
  company: 'companies',
  deal: 'deals',
  note: 'notes',
  meeting: 'meetings',
};

/** Object type ids, as used in record URLs (https://developers.hubspot.com/docs/api/crm/understanding-the-crm#object-type-ids). */
export const objectTypeIds: Record<CrmObjectType, string> = {
  contact: '0-1',
  company: '0-2',
  deal: '0-3',
  note: '0-46',
  meeting: '0-47',
};

/** Our idempotency key: a custom property with `hasUniqueValue: true` on companies, deals, notes and meetings. */
export const keyProperty = 'synaptiq_key';

/** Objects written through the key property (contacts are keyed by email, HubSpot's own unique key). */
export const keyedObjectTypes: ReadonlySet<CrmObjectType> = new Set<CrmObjectType>(['company', 'deal', 'note', 'meeting']);

/** The property holding the last-modified time (contacts predate the hs_ prefix). */
export const modifiedProperty: Record<CrmObjectType, string> = {
  contact: 'lastmodifieddate',
  company: 'hs_lastmodifieddate',
  deal: 'hs_lastmodifieddate',
  note: 'hs_lastmodifieddate',
  meeting: 'hs_lastmodifieddate',
};

/**
 * HUBSPOT_DEFINED association type ids, from → to (crm-facts.md; v4 associations docs:
 * https://developers.hubspot.com/docs/api/crm/associations/v4#association-type-id-values).
 */
const associationTypeIds: Partial<Record<CrmObjectType, Partial<Record<CrmObjectType, number>>>> = {
  contact: { company: 279, deal: 4 },
  company: { contact: 280, deal: 342 },
  deal: { contact: 3, company: 341 },
  note: { contact: 202, company: 190, deal: 214 },
  meeting: { contact: 200, company: 188, deal: 212 },
};

export function associationTypeId(from: CrmObjectType, to: CrmObjectType): number {
  const id = associationTypeIds[from]?.[to];
  if (id === undefined) {
    throw new SyncError('crm.validation', `HubSpot has no default association from ${from} to ${to}; remove it from the sync plan.`, {
      details: { from, to },
    });
  }
  return id;
}

/** HubSpot takes every property value as a string; null clears the property. */
export function toHubspotValue(value: CrmValue): string {
  if (value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

export function toHubspotProperties(properties: CrmProperties): Record<string, string> {
  return Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, toHubspotValue(value)]));
}

/** Splits into runs of at most `size` (HubSpot batch endpoints take at most 100 inputs). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

export const batchLimit = 100;

const hubspotDefined = AssociationSpecAssociationCategoryEnum.HubspotDefined;

export interface InlineAssociation {
  to: { id: string };
  types: Array<{ associationCategory: AssociationSpecAssociationCategoryEnum; associationTypeId: number }>;
}

/** Associations carried on a create input (only to records that already exist). */
export function inlineAssociations(objectType: CrmObjectType, write: RecordWrite): InlineAssociation[] {
  return (write.associations ?? []).map((target) => ({
    to: { id: target.id },
    types: [{ associationCategory: hubspotDefined, associationTypeId: associationTypeId(objectType, target.objectType) }],
  }));
}

/** The properties written for a keyed object: the mapped ones plus the key itself. */
export function keyedProperties(write: RecordWrite): Record<string, string> {
  return { ...toHubspotProperties(write.properties), [keyProperty]: write.key };
}

/**
 * The email a contact write is matched by, lower-cased (HubSpot compares emails case-insensitively): its
 * `matchBy`, else the email it sets. HubSpot keeps one contact per email, so a create that carries one can
 * only ever be that contact: writing it by email keeps a retry from failing on its own earlier create, and
 * makes two inputs of one email (two leads sharing an inbox) one input, as HubSpot refuses an email twice per batch.
 */
export function matchEmail(write: RecordWrite): string | undefined {
  const email = write.matchBy?.value ?? write.properties.email;
  return typeof email === 'string' && email.trim() !== '' ? email.trim().toLowerCase() : undefined;
}

/** One v4 association to create: https://developers.hubspot.com/docs/api/crm/associations/v4#create-associations */
export interface AssociationPair {
  toObjectType: CrmObjectType;
  fromId: string;
  toId: string;
  associationTypeId: number;
}

/** Associations of written records, grouped by target type (one v4 batch call per from/to type pair). */
export function associationPairs(
  objectType: CrmObjectType,
  written: Array<{ id: string; write: RecordWrite }>,
): Map<CrmObjectType, AssociationPair[]> {
  const byTarget = new Map<CrmObjectType, AssociationPair[]>();
  for (const { id, write } of written) {
    for (const target of write.associations ?? []) {
      const pairs = byTarget.get(target.objectType) ?? [];
      pairs.push({ toObjectType: target.objectType, fromId: id, toId: target.id, associationTypeId: associationTypeId(objectType, target.objectType) });
      byTarget.set(target.objectType, pairs);
    }
  }
  return byTarget;
}

/**
 * Our property types → HubSpot `type` and a `fieldType` that can hold it. The SDK's enums have no
 * phone_number / phonenumber, so phone properties are created as text (HubSpot stores them alike).
 */
const propertyKinds: Record<PropertyDefinition['type'], { type: PropertyCreateTypeEnum; fieldType: PropertyCreateFieldTypeEnum }> = {
  string: { type: PropertyCreateTypeEnum.String, fieldType: PropertyCreateFieldTypeEnum.Text },
  number: { type: PropertyCreateTypeEnum.Number, fieldType: PropertyCreateFieldTypeEnum.Number },
  bool: { type: PropertyCreateTypeEnum.Bool, fieldType: PropertyCreateFieldTypeEnum.Booleancheckbox },
  date: { type: PropertyCreateTypeEnum.Date, fieldType: PropertyCreateFieldTypeEnum.Date },
  datetime: { type: PropertyCreateTypeEnum.Datetime, fieldType: PropertyCreateFieldTypeEnum.Date },
  enumeration: { type: PropertyCreateTypeEnum.Enumeration, fieldType: PropertyCreateFieldTypeEnum.Select },
  phone_number: { type: PropertyCreateTypeEnum.String, fieldType: PropertyCreateFieldTypeEnum.Text },
};

/** The default property group of each object, where "Create in CRM" puts new properties. */
export const defaultPropertyGroups: Record<CrmObjectType, string> = {
  contact: 'contactinformation',
  company: 'companyinformation',
  deal: 'dealinformation',
  note: 'engagement',
  meeting: 'engagement',
};

/** https://developers.hubspot.com/docs/api/crm/properties#create-a-property */
export function propertyCreateBody(objectType: CrmObjectType, definition: PropertyDefinition): PropertyCreate {
  return {
    name: definition.name,
    label: definition.label,
    ...propertyKinds[definition.type],
    groupName: defaultPropertyGroups[objectType],
    ...(definition.description ? { description: definition.description } : {}),
    ...(definition.unique ? { hasUniqueValue: true } : {}),
    // A boolean checkbox needs its two options spelled out.
    ...(definition.type === 'bool'
      ? {
          options: [
            { label: 'Yes', value: 'true', displayOrder: 0, hidden: false },
            { label: 'No', value: 'false', displayOrder: 1, hidden: false },
          ],
        }
      : {}),
  };
}
