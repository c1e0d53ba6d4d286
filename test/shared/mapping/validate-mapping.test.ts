import assert from 'node:assert/strict';
import { requiredCustomProperties } from '../../../shared/src/mapping/custom-properties';
import { validateMapping } from '../../../shared/src/mapping/validate-mapping';
import type { CrmObjectType, CrmProperty } from '../../../shared/src/schemas/crm';
import { workspaceSettingsSchema, type WorkspaceSettingsInput } from '../../../shared/src/schemas/settings';

const settings = (input: WorkspaceSettingsInput = {}) => workspaceSettingsSchema.parse(input);
const props = (...names: string[]): CrmProperty[] => names.map((name) => ({ name, label: name, type: 'string', custom: name.startsWith('synaptiq_') || name.endsWith('__c') }));

const hubspotStandard: Partial<Record<CrmObjectType, CrmProperty[]>> = {
  contact: props('firstname', 'lastname', 'email', 'phone', 'company', 'jobtitle'),
  company: props('name', 'domain', 'industry', 'numberofemployees'),
  deal: props('dealname', 'dealstage', 'amount', 'pipeline'),
  note: props('hs_note_body', 'hs_timestamp'),
  meeting: props('hs_meeting_title', 'hs_timestamp'),
};
const hubspotComplete: Partial<Record<CrmObjectType, CrmProperty[]>> = {
  contact: [...(hubspotStandard.contact ?? []), ...props('synaptiq_lead_source', 'synaptiq_lead_score', 'synaptiq_lead_id', 'synaptiq_review_status', 'synaptiq_duplicate_of')],
  company: [...(hubspotStandard.company ?? []), ...props('synaptiq_key')],
  deal: [...(hubspotStandard.deal ?? []), ...props('synaptiq_key')],
  note: [...(hubspotStandard.note ?? []), ...props('synaptiq_key')],
  meeting: [...(hubspotStandard.meeting ?? []), ...props('synaptiq_key')],
};

describe('validateMapping', () => {
  it('accepts the default HubSpot mapping on a portal that has every property', () => {
    assert.deepEqual(validateMapping('hubspot', settings(), hubspotComplete), { errors: [], missingCustomProperties: [] });
  });

  it('reports a mapped property the CRM lacks as crm.invalid_property, naming the field and the fix', () => {
    const { errors } = validateMapping('hubspot', settings({ field_mapping: { contact: { synaptiq_title: 'job_role' } } }), hubspotComplete);
    assert.equal(errors.length, 1);
    assert.deepEqual({ ...errors[0], message: undefined }, { object: 'contact', synaptiqField: 'synaptiq_title', crmField: 'job_role', code: 'crm.invalid_property', message: undefined });
    assert.match(errors[0]?.message ?? '', /"job_role".*synaptiq_title.*deleted or renamed.*\/admin\/settings > CRM > Field Mapping/);
  });

  it('offers Create in CRM in the message when the missing property is one of ours', () => {
    const { errors } = validateMapping('hubspot', settings(), { contact: hubspotStandard.contact ?? [] });
    const score = errors.find((error) => error.crmField === 'synaptiq_lead_score');
    assert.match(score?.message ?? '', /Create in CRM/);
    const renamed = validateMapping('hubspot', settings({ field_mapping: { contact: { synaptiq_phone: 'mobile' } } }), hubspotComplete).errors[0];
    assert.doesNotMatch(renamed?.message ?? '', /Create in CRM/);
  });

  it('reports a read-only property', () => {
    const contact = [...(hubspotComplete.contact ?? [])].map((p) => (p.name === 'company' ? { ...p, readOnly: true } : p));
    const { errors } = validateMapping('hubspot', settings(), { ...hubspotComplete, contact });
    assert.deepEqual(errors.map((e) => e.crmField), ['company']);
    assert.match(errors[0]?.message ?? '', /read-only/);
  });

  const typeCases: Array<[string, CrmProperty['type'], boolean]> = [
    ['synaptiq_lead_score', 'number', true],
    ['synaptiq_lead_score', 'string', true],
    ['synaptiq_lead_score', 'bool', false],
    ['synaptiq_title', 'enumeration', true],
    ['synaptiq_title', 'number', false],
    ['synaptiq_title', 'datetime', false],
  ];
  for (const [field, type, ok] of typeCases) {
    it(`${ok ? 'accepts' : 'rejects'} ${field} mapped to a ${type} property`, () => {
      const contact = [...(hubspotComplete.contact ?? []), { name: 'target', label: 'Target', type, custom: true }];
      const { errors } = validateMapping('hubspot', settings({ field_mapping: { contact: { [field]: 'target' } } }), { ...hubspotComplete, contact });
      assert.equal(errors.length, ok ? 0 : 1);
      if (!ok) assert.match(errors[0]?.message ?? '', new RegExp(`is a ${type} field and cannot hold`));
    });
  }

  it('lists the custom properties we need that HubSpot lacks, with their types', () => {
    const { missingCustomProperties } = validateMapping('hubspot', settings(), hubspotStandard);
    const summary = missingCustomProperties.map((p) => `${p.objectType}.${p.name}:${p.type}${p.unique ? ':unique' : ''}`);
    assert.deepEqual(summary.sort(), [
      'company.synaptiq_key:string:unique',
      'contact.synaptiq_duplicate_of:string',
      'contact.synaptiq_lead_id:string:unique',
      'contact.synaptiq_lead_score:number',
      'contact.synaptiq_lead_source:string',
      'contact.synaptiq_review_status:string',
      'deal.synaptiq_key:string:unique',
      'meeting.synaptiq_key:string:unique',
      'note.synaptiq_key:string:unique',
    ]);
  });

  it('lists the Salesforce custom fields a Lead mapping needs, and the external id keys', () => {
    const sf = { contact: props('FirstName', 'LastName', 'Email', 'Phone', 'Company', 'Title', 'LeadSource'), company: props('Name', 'Website', 'Industry', 'NumberOfEmployees') };
    const { errors, missingCustomProperties } = validateMapping('salesforce', settings({ crm: 'salesforce' }), sf);
    assert.deepEqual(errors.map((e) => e.crmField).sort(), ['Lead_Score__c', 'Synaptiq_Lead_Id__c']);
    assert.match(errors[0]?.message ?? '', /Salesforce Lead field/);
    assert.deepEqual(missingCustomProperties.map((p) => `${p.objectType}.${p.name}`).sort(), [
      'company.Synaptiq_Key__c',
      'contact.Lead_Score__c',
      'contact.Synaptiq_Duplicate_Of__c',
      'contact.Synaptiq_Lead_Id__c',
      'contact.Synaptiq_Review_Status__c',
    ]);
  });

  it('checks only the objects whose property list is given', () => {
    assert.deepEqual(validateMapping('hubspot', settings(), {}), { errors: [], missingCustomProperties: [] });
  });
});

describe('requiredCustomProperties', () => {
  const names = (input: WorkspaceSettingsInput) => requiredCustomProperties('hubspot', settings(input)).filter((p) => p.objectType === 'contact').map((p) => p.name).sort();

  it('needs the lead score property only while the mapping writes to it', () => {
    assert.ok(names({}).includes('synaptiq_lead_score'));
    assert.ok(!names({ field_mapping: { contact: { synaptiq_lead_score: 'hubspotscore' } } }).includes('synaptiq_lead_score'));
  });

  it('needs no review tags when duplicates are never flagged (always create)', () => {
    assert.deepEqual(names({ duplicate_strategy: 'always_create' }), ['synaptiq_lead_id', 'synaptiq_lead_score', 'synaptiq_lead_source']);
  });

  it('always needs the unique key property on the objects created by key', () => {
    const keyed = requiredCustomProperties('salesforce', settings()).filter((p) => p.name === 'Synaptiq_Key__c');
    assert.deepEqual(keyed.map((p) => p.objectType), ['company', 'deal', 'note']);
    assert.ok(keyed.every((p) => p.unique));
  });

  it('asks for the Salesforce activity key once, as Task and Event share Activity custom fields', () => {
    const keyed = requiredCustomProperties('salesforce', settings()).filter((p) => p.name === 'Synaptiq_Key__c');
    assert.equal(keyed.filter((p) => p.objectType === 'note' || p.objectType === 'meeting').length, 1);
  });
});
