import type { CrmObjectType, CrmProperties, CrmValue, RecordWrite } from '../../schemas/crm';

/** Pure mapping from the port's writes to Salesforce sObject records. No I/O. */

export type PersonObject = 'Lead' | 'Contact';
export type SObjectName = PersonObject | 'Account' | 'Opportunity' | 'Task' | 'Event';

/** Our idempotency key on every object we create (Text(255), External ID, Unique). */
export const externalKeyField = 'Synaptiq_Key__c';

const sObjects: Record<Exclude<CrmObjectType, 'contact'>, SObjectName> = {
  company: 'Account',
  deal: 'Opportunity',
  note: 'Task',
  meeting: 'Event',
};

export function sObjectFor(objectType: CrmObjectType, personObject: PersonObject): SObjectName {
  return objectType === 'contact' ? personObject : sObjects[objectType];
}

/**
 * Lookup fields that carry associations, in priority order: an Event's WhatId is the
 * Opportunity when there is one, else the Account. Lead has no AccountId (its Company is text).
 */
const associationFields: Record<SObjectName, ReadonlyArray<readonly [CrmObjectType, string]>> = {
  Lead: [],
  Contact: [['company', 'AccountId']],
  Account: [],
  Opportunity: [['company', 'AccountId']],
  Task: [['contact', 'WhoId'], ['deal', 'WhatId'], ['company', 'WhatId']],
  Event: [['contact', 'WhoId'], ['deal', 'WhatId'], ['company', 'WhatId']],
};

/** How one write reaches Salesforce: update a known Id, or upsert by Email or by our key. */
export type WriteRoute =
  | { kind: 'update'; id: string }
  | { kind: 'upsert'; externalIdField: 'Email' | typeof externalKeyField; value: string };

export function routeFor(write: RecordWrite): WriteRoute {
  if (write.id) return { kind: 'update', id: write.id };
  if (write.matchBy?.field === 'email') return { kind: 'upsert', externalIdField: 'Email', value: write.matchBy.value };
  return { kind: 'upsert', externalIdField: externalKeyField, value: write.key };
}

/** A record body for sObject Collections: `attributes.type` plus fields. */
export interface SalesforceRecordBody {
  attributes: { type: SObjectName };
  [field: string]: CrmValue | { type: SObjectName };
}

export interface MappedRecord {
  body: SalesforceRecordBody;
  /** Associations Salesforce cannot hold on this object (reported, not sent). */
  dropped: Array<{ objectType: CrmObjectType; id: string; reason: string }>;
}

export function toSalesforceRecord(
  sObject: SObjectName,
  write: RecordWrite,
  route: WriteRoute,
  personObject: PersonObject,
): MappedRecord {
  // Properties are already Salesforce field names (the mapping is per CRM); copy only those set.
  const fields: CrmProperties = {};
  for (const [name, value] of Object.entries(write.properties)) {
    if (value !== undefined) fields[name] = value;
  }
  const dropped = applyAssociations(sObject, write.associations ?? [], fields, personObject);
  const key: CrmProperties = route.kind === 'update' ? { id: route.id } : { [route.externalIdField]: route.value };
  return { body: { attributes: { type: sObject }, ...fields, ...key }, dropped };
}

function applyAssociations(
  sObject: SObjectName,
  associations: NonNullable<RecordWrite['associations']>,
  fields: CrmProperties,
  personObject: PersonObject,
): MappedRecord['dropped'] {
  const dropped: MappedRecord['dropped'] = [];
  const byType = new Map(associations.map((association) => [association.objectType, association.id]));
  // An activity whose WhoId is a Lead cannot also have a WhatId: Salesforce rejects the record.
  const whoIsLead = personObject === 'Lead' && byType.has('contact');
  for (const [objectType, fieldName] of associationFields[sObject]) {
    const id = byType.get(objectType);
    if (id === undefined) continue;
    byType.delete(objectType);
    if (fieldName === 'WhatId' && whoIsLead) dropped.push({ objectType, id, reason: 'a Lead WhoId cannot have a WhatId' });
    else if (fields[fieldName] === undefined) fields[fieldName] = id;
    else dropped.push({ objectType, id, reason: `${fieldName} already set` });
  }
  for (const [objectType, id] of byType) {
    dropped.push({ objectType, id, reason: `${sObject} has no lookup to ${objectType}` });
  }
  return dropped;
}
