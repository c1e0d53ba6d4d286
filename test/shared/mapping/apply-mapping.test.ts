import assert from 'node:assert/strict';
import { applyMapping } from '../../../shared/src/mapping/apply-mapping';
import { effectiveMapping } from '../../../shared/src/mapping/default-mappings';
import { workspaceSettingsSchema, type WorkspaceSettingsInput } from '../../../shared/src/schemas/settings';
import { loadEvent } from '../../fixtures/events/load-event';

const mappingFor = (input: WorkspaceSettingsInput) => effectiveMapping(workspaceSettingsSchema.parse(input));
const ada = loadEvent('lead.qualified').data.lead;

describe('applyMapping', () => {
  it('maps a HubSpot contact with the default mapping', () => {
    assert.deepEqual(applyMapping('contact', mappingFor({}).contact, { lead: ada }), {
      firstname: 'Ada',
      lastname: 'Lovelace',
      email: 'ada@analytical.example',
      phone: '+44 20 7946 0958',
      company: 'Analytical Engines Ltd',
      jobtitle: 'CTO',
      synaptiq_lead_source: 'website_chat',
      synaptiq_lead_score: 87,
      synaptiq_lead_id: 'lead_01HZX3',
    });
  });

  it('maps a HubSpot company with the size as an employee count', () => {
    assert.deepEqual(applyMapping('company', mappingFor({}).company, { lead: ada }), {
      name: 'Analytical Engines Ltd',
      domain: 'analytical.example',
      industry: 'Software',
      numberofemployees: 51,
    });
  });

  it('maps a deal from the stage and amount the planner resolved', () => {
    const deal = { name: 'Analytical Engines Ltd – Ada Lovelace', stageId: 'qualifiedlead', amount: 24000 };
    assert.deepEqual(applyMapping('deal', mappingFor({}).deal, { lead: ada, deal }), {
      dealname: deal.name,
      dealstage: 'qualifiedlead',
      amount: 24000,
    });
  });

  it('maps a Salesforce Lead with the standard fields and our custom fields', () => {
    assert.deepEqual(applyMapping('contact', mappingFor({ crm: 'salesforce' }).contact, { lead: ada }), {
      FirstName: 'Ada',
      LastName: 'Lovelace',
      Email: 'ada@analytical.example',
      Phone: '+44 20 7946 0958',
      Company: 'Analytical Engines Ltd',
      Title: 'CTO',
      LeadSource: 'website_chat',
      Lead_Score__c: 87,
      Synaptiq_Lead_Id__c: 'lead_01HZX3',
    });
  });

  it('leaves Company off a Salesforce Contact', () => {
    const properties = applyMapping('contact', mappingFor({ crm: 'salesforce', salesforce: { person_object: 'Contact' } }).contact, { lead: ada });
    assert.equal('Company' in properties, false);
    assert.equal(properties.LastName, 'Lovelace');
  });

  it('maps a Salesforce Account with the domain as Website', () => {
    assert.deepEqual(applyMapping('company', mappingFor({ crm: 'salesforce' }).company, { lead: ada }), {
      Name: 'Analytical Engines Ltd',
      Website: 'analytical.example',
      Industry: 'Software',
      NumberOfEmployees: 51,
    });
  });

  it('splits the name when the lead has no first and last name', () => {
    const lead = loadEvent('lead.created', { name: 'Grace Brewster Hopper' }).data.lead;
    const properties = applyMapping('contact', mappingFor({}).contact, { lead });
    assert.equal(properties.firstname, 'Grace');
    assert.equal(properties.lastname, 'Brewster Hopper');
  });

  it('lets a workspace mapping override a default and add a field', () => {
    const mapping = mappingFor({ field_mapping: { contact: { synaptiq_lead_score: 'hubspotscore', synaptiq_pain_points: 'pain_points' } } }).contact;
    const properties = applyMapping('contact', mapping, { lead: ada });
    assert.equal(properties.hubspotscore, 87);
    assert.equal(properties.pain_points, 'manual data entry; slow follow-up');
    assert.equal('synaptiq_lead_score' in properties, false);
  });

  it('does not sync a field mapped to null', () => {
    const properties = applyMapping('contact', mappingFor({ field_mapping: { contact: { synaptiq_phone: null } } }).contact, { lead: ada });
    assert.equal('phone' in properties, false);
    assert.equal(properties.email, 'ada@analytical.example');
  });

  it('copies only the fields the lead has, so an update never blanks CRM data', () => {
    const lead = { id: 'lead_9', name: 'Grace' };
    assert.deepEqual(applyMapping('contact', mappingFor({}).contact, { lead }), { firstname: 'Grace', synaptiq_lead_id: 'lead_9' });
    assert.deepEqual(applyMapping('company', mappingFor({}).company, { lead }), {});
  });

  it('writes the email trimmed and lower-cased, and never a malformed one', () => {
    const mapping = mappingFor({}).contact;
    assert.equal(applyMapping('contact', mapping, { lead: { ...ada, email: ' Ada@Analytical.Example ' } }).email, 'ada@analytical.example');
    assert.equal('email' in applyMapping('contact', mapping, { lead: { ...ada, email: 'ada@' } }), false);
  });

  it('writes the conversation id where a workspace maps it', () => {
    const mapping = mappingFor({ field_mapping: { contact: { synaptiq_conversation_id: 'last_conversation' } } }).contact;
    assert.equal(applyMapping('contact', mapping, { lead: ada, conversationId: 'conv_9a1' }).last_conversation, 'conv_9a1');
  });
});
