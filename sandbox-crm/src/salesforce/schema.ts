/** Salesforce field types the sandbox models (a subset of DescribeFieldResult.type). */
export type SfFieldType =
  | 'id' | 'string' | 'email' | 'phone' | 'url' | 'textarea' | 'picklist' | 'combobox' | 'reference'
  | 'date' | 'datetime' | 'double' | 'currency' | 'percent' | 'int' | 'boolean';

export interface SfField {
  name: string;
  label: string;
  type: SfFieldType;
  length: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  defaultedOnCreate: boolean;
  idLookup: boolean;
  externalId: boolean;
  unique: boolean;
  custom: boolean;
  /** Restricted picklists reject values outside `picklistValues`. */
  restrictedPicklist: boolean;
  picklistValues: { value: string; label: string; active: boolean; defaultValue: boolean }[];
  referenceTo: string[];
}

export interface SfObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  createable: boolean;
  fields: Map<string, SfField>;
}

type FieldOptions = Partial<Omit<SfField, 'name' | 'type' | 'picklistValues'>> & { picklist?: string[]; defaultValue?: string };

export function field(name: string, type: SfFieldType, options: FieldOptions = {}): SfField {
  const { picklist, defaultValue, ...rest } = options;
  const lengths: Partial<Record<SfFieldType, number>> = { id: 18, reference: 18, email: 80, phone: 40, url: 255, textarea: 32_000, picklist: 255, string: 255, combobox: 255 };
  return {
    name,
    label: name.replace(/__c$/, '').replace(/Id$/, ' ID').replace(/([a-z])([A-Z])/g, '$1 $2'),
    type,
    length: lengths[type] ?? 0,
    nillable: type !== 'boolean',
    createable: true,
    updateable: true,
    defaultedOnCreate: type === 'boolean' || defaultValue !== undefined,
    idLookup: false,
    externalId: false,
    unique: false,
    custom: name.endsWith('__c'),
    restrictedPicklist: false,
    picklistValues: (picklist ?? []).map((value) => ({ value, label: value, active: true, defaultValue: value === defaultValue })),
    referenceTo: [],
    ...rest,
  };
}

const readOnly = { createable: false, updateable: false, defaultedOnCreate: true };

function systemFields(): SfField[] {
  return [
    field('Id', 'id', { ...readOnly, nillable: false, idLookup: true }),
    field('IsDeleted', 'boolean', readOnly),
    field('CreatedDate', 'datetime', readOnly),
    field('CreatedById', 'reference', { ...readOnly, referenceTo: ['User'] }),
    field('LastModifiedDate', 'datetime', readOnly),
    field('LastModifiedById', 'reference', { ...readOnly, referenceTo: ['User'] }),
    field('SystemModstamp', 'datetime', readOnly),
  ];
}

const owner = () => field('OwnerId', 'reference', { referenceTo: ['User'], defaultedOnCreate: true, nillable: false });
const required = { nillable: false };

export const OPPORTUNITY_STAGES: { label: string; probability: number; closed: boolean; won: boolean; forecast: string }[] = [
  { label: 'Prospecting', probability: 10, closed: false, won: false, forecast: 'Pipeline' },
  { label: 'Qualification', probability: 10, closed: false, won: false, forecast: 'Pipeline' },
  { label: 'Needs Analysis', probability: 20, closed: false, won: false, forecast: 'Pipeline' },
  { label: 'Value Proposition', probability: 50, closed: false, won: false, forecast: 'Pipeline' },
  { label: 'Id. Decision Makers', probability: 60, closed: false, won: false, forecast: 'Pipeline' },
  { label: 'Perception Analysis', probability: 70, closed: false, won: false, forecast: 'Pipeline' },
  { label: 'Proposal/Price Quote', probability: 75, closed: false, won: false, forecast: 'Pipeline' },
  { label: 'Negotiation/Review', probability: 90, closed: false, won: false, forecast: 'Pipeline' },
  { label: 'Closed Won', probability: 100, closed: true, won: true, forecast: 'Closed' },
  { label: 'Closed Lost', probability: 0, closed: true, won: false, forecast: 'Omitted' },
];

const LEAD_STATUS = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'];
const LEAD_SOURCE = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const INDUSTRY = ['Agriculture', 'Banking', 'Communications', 'Consulting', 'Education', 'Finance', 'Healthcare', 'Insurance', 'Manufacturing', 'Media', 'Retail', 'Technology', 'Other'];
const TASK_STATUS = ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'];

function objectDef(name: string, keyPrefix: string, fields: SfField[], createable = true): SfObjectDef {
  return {
    name,
    label: name,
    labelPlural: name === 'Opportunity' ? 'Opportunities' : `${name}s`,
    keyPrefix,
    createable,
    fields: new Map([...systemFields(), ...fields].map((f) => [f.name, f])),
  };
}

const nameFields = () => [
  field('FirstName', 'string', { length: 40 }),
  field('LastName', 'string', { length: 80, ...required }),
  field('Name', 'string', { length: 121, createable: false, updateable: false }),
];

/** The standard objects the adapters use, with the standard fields they touch. */
export function standardObjects(): SfObjectDef[] {
  return [
    objectDef('Lead', '00Q', [
      ...nameFields(),
      field('Company', 'string', required),
      field('Email', 'email', { idLookup: true }),
      field('Phone', 'phone'),
      field('MobilePhone', 'phone'),
      field('Title', 'string', { length: 128 }),
      field('Website', 'url'),
      field('City', 'string', { length: 40 }),
      field('State', 'string', { length: 80 }),
      field('Country', 'string', { length: 80 }),
      field('Industry', 'picklist', { picklist: INDUSTRY }),
      field('LeadSource', 'picklist', { picklist: LEAD_SOURCE }),
      field('Status', 'picklist', { picklist: LEAD_STATUS, defaultValue: 'Open - Not Contacted', nillable: false, restrictedPicklist: true }),
      field('Description', 'textarea'),
      field('NumberOfEmployees', 'int'),
      field('AnnualRevenue', 'currency'),
      field('IsConverted', 'boolean', readOnly),
      owner(),
    ]),
    objectDef('Contact', '003', [
      ...nameFields(),
      field('Email', 'email', { idLookup: true }),
      field('Phone', 'phone'),
      field('MobilePhone', 'phone'),
      field('Title', 'string', { length: 128 }),
      field('AccountId', 'reference', { referenceTo: ['Account'] }),
      field('LeadSource', 'picklist', { picklist: LEAD_SOURCE }),
      field('MailingCity', 'string', { length: 40 }),
      field('MailingCountry', 'string', { length: 80 }),
      field('Description', 'textarea'),
      owner(),
    ]),
    objectDef('Account', '001', [
      field('Name', 'string', required),
      field('Website', 'url'),
      field('Phone', 'phone'),
      field('Industry', 'picklist', { picklist: INDUSTRY }),
      field('Type', 'picklist', { picklist: ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner', 'Other'] }),
      field('NumberOfEmployees', 'int'),
      field('AnnualRevenue', 'currency'),
      field('BillingCity', 'string', { length: 40 }),
      field('BillingCountry', 'string', { length: 80 }),
      field('Description', 'textarea'),
      owner(),
    ]),
    objectDef('Opportunity', '006', [
      field('Name', 'string', { length: 120, ...required }),
      field('StageName', 'picklist', { picklist: OPPORTUNITY_STAGES.map((s) => s.label), ...required, restrictedPicklist: true }),
      field('CloseDate', 'date', required),
      field('Amount', 'currency'),
      field('Probability', 'percent', { defaultedOnCreate: true }),
      field('AccountId', 'reference', { referenceTo: ['Account'] }),
      field('ContactId', 'reference', { referenceTo: ['Contact'] }),
      field('LeadSource', 'picklist', { picklist: LEAD_SOURCE }),
      field('Type', 'picklist', { picklist: ['New Customer', 'Existing Customer - Upgrade', 'Existing Customer - Replacement'] }),
      field('NextStep', 'string'),
      field('Description', 'textarea'),
      field('IsClosed', 'boolean', readOnly),
      field('IsWon', 'boolean', readOnly),
      owner(),
    ]),
    objectDef('Task', '00T', [
      field('Subject', 'combobox'),
      field('WhoId', 'reference', { referenceTo: ['Contact', 'Lead'] }),
      field('WhatId', 'reference', { referenceTo: ['Account', 'Opportunity'] }),
      field('ActivityDate', 'date'),
      field('Status', 'picklist', { picklist: TASK_STATUS, defaultValue: 'Not Started', nillable: false }),
      field('Priority', 'picklist', { picklist: ['High', 'Normal', 'Low'], defaultValue: 'Normal', nillable: false }),
      field('TaskSubtype', 'picklist', { picklist: ['Task', 'Email', 'Call'] }),
      field('Type', 'picklist', { picklist: ['Call', 'Email', 'Meeting', 'Other'] }),
      field('Description', 'textarea'),
      owner(),
    ]),
    objectDef('Event', '00U', [
      field('Subject', 'combobox'),
      field('WhoId', 'reference', { referenceTo: ['Contact', 'Lead'] }),
      field('WhatId', 'reference', { referenceTo: ['Account', 'Opportunity'] }),
      field('StartDateTime', 'datetime'),
      field('EndDateTime', 'datetime'),
      field('ActivityDateTime', 'datetime'),
      field('DurationInMinutes', 'int'),
      field('IsAllDayEvent', 'boolean'),
      field('Location', 'string'),
      field('Type', 'picklist', { picklist: ['Call', 'Email', 'Meeting', 'Other'] }),
      field('Description', 'textarea'),
      owner(),
    ]),
    objectDef(
      'User',
      '005',
      [
        ...nameFields(),
        field('Username', 'string', { idLookup: true, unique: true }),
        field('Email', 'email', required),
        field('Alias', 'string', { length: 8 }),
        field('Title', 'string'),
        field('IsActive', 'boolean'),
        field('UserType', 'picklist', { picklist: ['Standard', 'AutomatedProcess'], createable: false }),
      ],
      false,
    ),
    objectDef(
      'OpportunityStage',
      '01J',
      [
        field('MasterLabel', 'string'),
        field('ApiName', 'string'),
        field('IsActive', 'boolean'),
        field('IsClosed', 'boolean'),
        field('IsWon', 'boolean'),
        field('SortOrder', 'int'),
        field('DefaultProbability', 'percent'),
        field('ForecastCategoryName', 'picklist', { picklist: ['Pipeline', 'Best Case', 'Commit', 'Omitted', 'Closed'] }),
      ],
      false,
    ),
  ];
}
