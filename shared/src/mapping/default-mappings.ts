import type { CrmProvider, FieldMapping, WorkspaceSettings } from '../schemas/settings';

/**
 * The default field mapping of crm-sync.md, per CRM. "firstname + lastname" is the first/last name pair
 * (split from the lead's `name` when the lead has no first/last name); custom properties are our own
 * (`synaptiq_*` in HubSpot, `*__c` in Salesforce) and listed in custom-properties.ts.
 */
/** A mapping for every object: Synaptiq field → CRM field (null = not synced). */
export type EffectiveMapping = Required<{ [O in keyof FieldMapping]: FieldMapping[O] }>;

const hubspot: EffectiveMapping = {
  contact: {
    synaptiq_first_name: 'firstname',
    synaptiq_last_name: 'lastname',
    synaptiq_email: 'email',
    synaptiq_phone: 'phone',
    synaptiq_company: 'company',
    synaptiq_title: 'jobtitle',
    synaptiq_lead_source: 'synaptiq_lead_source',
    synaptiq_lead_score: 'synaptiq_lead_score',
    synaptiq_lead_id: 'synaptiq_lead_id',
  },
  company: {
    synaptiq_company_name: 'name',
    synaptiq_company_domain: 'domain',
    synaptiq_industry: 'industry',
    synaptiq_company_size: 'numberofemployees',
  },
  deal: { synaptiq_deal_name: 'dealname', synaptiq_qualification_status: 'dealstage', synaptiq_estimated_value: 'amount' },
};

const salesforceLead: EffectiveMapping = {
  contact: {
    synaptiq_first_name: 'FirstName',
    synaptiq_last_name: 'LastName',
    synaptiq_email: 'Email',
    synaptiq_phone: 'Phone',
    synaptiq_company: 'Company',
    synaptiq_title: 'Title',
    synaptiq_lead_source: 'LeadSource',
    synaptiq_lead_score: 'Lead_Score__c',
    synaptiq_lead_id: 'Synaptiq_Lead_Id__c',
  },
  company: {
    synaptiq_company_name: 'Name',
    synaptiq_company_domain: 'Website',
    synaptiq_industry: 'Industry',
    synaptiq_company_size: 'NumberOfEmployees',
  },
  deal: { synaptiq_deal_name: 'Name', synaptiq_qualification_status: 'StageName', synaptiq_estimated_value: 'Amount' },
};

/** A Salesforce Contact has no Company field: the Account association carries the company. */
const salesforceContact: EffectiveMapping = {
  ...salesforceLead,
  contact: { ...salesforceLead.contact, synaptiq_company: null },
};

export function defaultMapping(provider: CrmProvider, settings: Pick<WorkspaceSettings, 'salesforce'>): EffectiveMapping {
  if (provider === 'hubspot') return hubspot;
  return settings.salesforce.person_object === 'Lead' ? salesforceLead : salesforceContact;
}

/** The workspace's mapping: its own entries over the provider's defaults (an entry set to null is not synced). */
export function effectiveMapping(settings: Pick<WorkspaceSettings, 'crm' | 'salesforce' | 'field_mapping'>): EffectiveMapping {
  const defaults = defaultMapping(settings.crm, settings);
  return {
    contact: { ...defaults.contact, ...settings.field_mapping.contact },
    company: { ...defaults.company, ...settings.field_mapping.company },
    deal: { ...defaults.deal, ...settings.field_mapping.deal },
  };
}
