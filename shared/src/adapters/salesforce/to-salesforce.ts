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

/**
 * The Synaptiq lead id on people (Text, External ID, Unique; in the default mapping). People carry no
 * Synaptiq_Key__c (Create in CRM puts it on Account, Opportunity and the activities only), so this is what
 * makes a new person's write idempotent.
 */
export const personKeyField = 'Synaptiq_Lead_Id__c';

/** How one write reaches Salesforce: update a known Id, upsert by Email or by an external id, or create. */
export type WriteRoute =
  | { kind: 'update'; id: string }
  | { kind: 'upsert'; externalIdField: 'Email' | typeof externalKeyField | typeof personKeyField; value: string }
  | { kind: 'create'; key: string };

/**
 * A person with neither Id nor email match (a contact flagged as a possible duplicate, or always created)
 * is upserted by its lead id when the mapping writes one, else created: a retry of such a create can duplicate.
 */
export function routeFor(write: RecordWrite, isPerson = false): WriteRoute {
  if (write.id) return { kind: 'update', id: write.id };
  if (write.matchBy?.field === 'email') return { kind: 'upsert', externalIdField: 'Email', value: write.matchBy.value };
  if (!isPerson) return { kind: 'upsert', externalIdField: externalKeyField, value: write.key };
  const leadId = write.properties[personKeyField];
  return typeof leadId === 'string' && leadId.trim() !== '' ? { kind: 'upsert', externalIdField: personKeyField, value: leadId } : { kind: 'create', key: write.key };
}

/** The fields that address a record in its collection request: Id, the external id, or none for a create. */
function addressOf(route: WriteRoute): CrmProperties {
  if (route.kind === 'update') return { id: route.id };
  return route.kind === 'upsert' ? { [route.externalIdField]: route.value } : {};
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
  const key = addressOf(route);
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
