import type { ChangePage, CrmContact, CrmObjectType, CrmOwner, CrmProperty, Pipeline } from '../../schemas/crm';
import type { DescribeField, OpportunityStageRow, SfRecord } from './salesforce-schemas';
import type { PersonObject, SObjectName } from './to-salesforce';

/** Pure mapping from Salesforce records and metadata to the port's unified models. No I/O. */

/** Where each unified contact attribute lives on a Lead or a Contact. */
const personFieldMap = {
  Lead: { email: 'Email', firstName: 'FirstName', lastName: 'LastName', phone: 'Phone', company: 'Company' },
  Contact: { email: 'Email', firstName: 'FirstName', lastName: 'LastName', phone: 'Phone', company: 'Account.Name' },
} as const satisfies Record<PersonObject, Record<string, string>>;

/** The fields read for each object (dedup, two-way sync). */
export const readFields: Record<SObjectName, readonly string[]> = {
  Lead: ['Id', 'Email', 'FirstName', 'LastName', 'Phone', 'MobilePhone', 'Title', 'Company', 'Status', 'OwnerId', 'SystemModstamp'],
  Contact: ['Id', 'Email', 'FirstName', 'LastName', 'Phone', 'MobilePhone', 'Title', 'Account.Name', 'AccountId', 'OwnerId', 'SystemModstamp'],
  Account: ['Id', 'Name', 'Website', 'Industry', 'NumberOfEmployees', 'OwnerId', 'SystemModstamp'],
  Opportunity: ['Id', 'Name', 'StageName', 'Amount', 'CloseDate', 'AccountId', 'OwnerId', 'IsClosed', 'IsWon', 'SystemModstamp'],
  Task: ['Id', 'Subject', 'Status', 'ActivityDate', 'WhoId', 'WhatId', 'OwnerId', 'SystemModstamp'],
  Event: ['Id', 'Subject', 'StartDateTime', 'EndDateTime', 'Location', 'WhoId', 'WhatId', 'OwnerId', 'SystemModstamp'],
};

/** Reads `Account.Name` style paths from a queried record (relationships come back nested). */
export function readPath(record: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, part) => {
    if (value === null || typeof value !== 'object') return undefined;
    return (value as Record<string, unknown>)[part];
  }, record);
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Salesforce writes `2026-11-26T08:30:00.000+0000`; the core compares ISO instants (`…Z`). */
function instant(value: unknown): string | null {
  const raw = text(value);
  const ms = raw === null ? Number.NaN : Date.parse(raw);
  return Number.isNaN(ms) ? raw : new Date(ms).toISOString();
}

/** Flattens a record to `field → value`, dropping the `attributes` envelope and nesting. */
function flatten(record: SfRecord, fieldNames: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fieldNames.map((name) => [name, readPath(record, name) ?? null]));
}

export function toCrmContact(record: SfRecord, personObject: PersonObject): CrmContact {
  const map = personFieldMap[personObject];
  const email = text(readPath(record, map.email));
  return {
    id: record.Id,
    email: email?.toLowerCase() ?? null,
    firstName: text(readPath(record, map.firstName)),
    lastName: text(readPath(record, map.lastName)),
    phone: text(readPath(record, map.phone)) ?? text(record.MobilePhone),
    company: text(readPath(record, map.company)),
    ownerId: text(record.OwnerId),
    updatedAt: instant(record.SystemModstamp),
    properties: flatten(record, readFields[personObject]),
  };
}

const propertyTypes: Record<string, CrmProperty['type']> = {
  boolean: 'bool',
  date: 'date',
  datetime: 'datetime',
  double: 'number',
  currency: 'number',
  percent: 'number',
  int: 'number',
  long: 'number',
  picklist: 'enumeration',
  multipicklist: 'enumeration',
  phone: 'phone_number',
};

export function toCrmProperty(describe: DescribeField): CrmProperty {
  return {
    name: describe.name,
    label: describe.label,
    type: propertyTypes[describe.type] ?? 'string',
    custom: describe.custom,
    readOnly: describe.calculated || (!describe.createable && !describe.updateable),
  };
}

/**
 * Salesforce has one list of opportunity stages (sales processes only narrow it), so it is one
 * pipeline. Its label matches the default deal settings, so a new workspace needs no pipeline choice.
 */
export const salesforcePipeline = { id: 'default', label: 'Sales Pipeline' } as const;

export function toPipeline(stages: readonly OpportunityStageRow[]): Pipeline {
  return {
    ...salesforcePipeline,
    stages: stages.map((stage) => ({
      id: stage.ApiName,
      label: stage.MasterLabel,
      ...(stage.IsClosed ? { closed: true, closedWon: stage.IsWon } : {}),
    })),
  };
}

export function toCrmOwner(user: SfRecord): CrmOwner {
  return {
    id: user.Id,
    name: text(user.Name) ?? user.Id,
    email: text(user.Email) ?? undefined,
    active: user.IsActive === true,
  };
}

export function toChangeRecord(record: SfRecord, objectType: CrmObjectType, sObject: SObjectName): ChangePage['records'][number] {
  return {
    id: record.Id,
    objectType,
    updatedAt: instant(record.SystemModstamp) ?? '',
    properties: flatten(record, readFields[sObject]),
  };
}
