import assert from 'node:assert/strict';
import type { RecordWrite } from '../../../../shared/src/schemas/crm';
import { routeFor, sObjectFor, toSalesforceRecord, type PersonObject, type SObjectName } from '../../../../shared/src/adapters/salesforce/to-salesforce';

const write = (overrides: Partial<RecordWrite> = {}): RecordWrite => ({ key: 'lead:1:note:c1', properties: {}, ...overrides });

describe('to-salesforce', () => {
  it('maps each object type to its sObject, people to the configured person object', () => {
    assert.deepEqual(
      (['contact', 'company', 'deal', 'note', 'meeting'] as const).map((type) => sObjectFor(type, 'Contact')),
      ['Contact', 'Account', 'Opportunity', 'Task', 'Event'],
    );
    assert.equal(sObjectFor('contact', 'Lead'), 'Lead');
  });

  const routes: Array<[string, RecordWrite, ReturnType<typeof routeFor>]> = [
    ['a known id updates that record', write({ id: '00Q1', matchBy: { field: 'email', value: 'a@x.com' } }), { kind: 'update', id: '00Q1' }],
    ['an email match upserts by Email', write({ matchBy: { field: 'email', value: 'a+b@x.com' } }), { kind: 'upsert', externalIdField: 'Email', value: 'a+b@x.com' }],
    ['anything else upserts by our key', write(), { kind: 'upsert', externalIdField: 'Synaptiq_Key__c', value: 'lead:1:note:c1' }],
  ];
  for (const [name, input, expected] of routes) {
    it(`routes a write: ${name}`, () => assert.deepEqual(routeFor(input), expected));
  }

  const personRoutes: Array<[string, RecordWrite, ReturnType<typeof routeFor>]> = [
    ['an email match upserts by Email', write({ matchBy: { field: 'email', value: 'a@x.com' }, properties: { Synaptiq_Lead_Id__c: 'lead_1' } }), { kind: 'upsert', externalIdField: 'Email', value: 'a@x.com' }],
    ['a new person (no Synaptiq_Key__c on people) upserts by its lead id', write({ key: 'lead:lead_1:contact', properties: { Email: 'a@x.com', Synaptiq_Lead_Id__c: 'lead_1' } }), { kind: 'upsert', externalIdField: 'Synaptiq_Lead_Id__c', value: 'lead_1' }],
    ['a new person without a lead id is created', write({ key: 'lead:lead_1:contact', properties: { Email: 'a@x.com' } }), { kind: 'create', key: 'lead:lead_1:contact' }],
  ];
  for (const [name, input, expected] of personRoutes) {
    it(`routes a person's write: ${name}`, () => assert.deepEqual(routeFor(input, true), expected));
  }

  it('addresses a created person by nothing but its fields', () => {
    const input = write({ key: 'lead:lead_1:contact', properties: { LastName: 'Smith', Email: 'a@x.com' } });
    assert.deepEqual(toSalesforceRecord('Lead', input, routeFor(input, true), 'Lead').body, { attributes: { type: 'Lead' }, LastName: 'Smith', Email: 'a@x.com' });
  });

  it('puts the external key in the body and copies only the properties that are set', () => {
    const input = write({ properties: { Name: 'Acme', Website: undefined as unknown as string, Industry: null } });
    const { body } = toSalesforceRecord('Account', input, routeFor(input), 'Lead');
    assert.deepEqual(body, { attributes: { type: 'Account' }, Name: 'Acme', Industry: null, Synaptiq_Key__c: 'lead:1:note:c1' });
  });

  it('addresses an update by id in the body', () => {
    const input = write({ id: '006A' });
    assert.deepEqual(toSalesforceRecord('Opportunity', input, routeFor(input), 'Lead').body, { attributes: { type: 'Opportunity' }, id: '006A' });
  });

  const associations: Array<[string, SObjectName, PersonObject, RecordWrite['associations'], Record<string, string>, string[]]> = [
    ['a Contact links its Account', 'Contact', 'Contact', [{ objectType: 'company', id: '001A' }], { AccountId: '001A' }, []],
    ['a Lead cannot link an Account (Company is text)', 'Lead', 'Lead', [{ objectType: 'company', id: '001A' }], {}, ['company']],
    ['an Opportunity links its Account', 'Opportunity', 'Lead', [{ objectType: 'company', id: '001A' }], { AccountId: '001A' }, []],
    [
      'a Task of a Contact links the Contact and the Opportunity before the Account',
      'Task',
      'Contact',
      [{ objectType: 'company', id: '001A' }, { objectType: 'deal', id: '006A' }, { objectType: 'contact', id: '003A' }],
      { WhoId: '003A', WhatId: '006A' },
      ['company'],
    ],
    [
      'an Event of a Lead links only the Lead (a Lead WhoId cannot have a WhatId)',
      'Event',
      'Lead',
      [{ objectType: 'contact', id: '00QA' }, { objectType: 'deal', id: '006A' }],
      { WhoId: '00QA' },
      ['deal'],
    ],
    ['an Event without a person links the Account', 'Event', 'Lead', [{ objectType: 'company', id: '001A' }], { WhatId: '001A' }, []],
  ];
  for (const [name, sObject, person, links, expected, dropped] of associations) {
    it(`writes associations as lookups: ${name}`, () => {
      const input = write({ id: 'X', associations: links });
      const mapped = toSalesforceRecord(sObject, input, routeFor(input), person);
      const { attributes: _a, id: _id, ...lookups } = mapped.body;
      assert.deepEqual(lookups, expected);
      assert.deepEqual(mapped.dropped.map((d) => d.objectType), dropped);
    });
  }
});
