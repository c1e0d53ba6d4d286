import assert from 'node:assert/strict';
import type { Client } from '@hubspot/api-client';
import type { RunningSandbox } from '../../sandbox-crm/src/index';
import { hubspotClient, hubspotError, withSandbox } from './helpers';

describe('sandbox CRM: HubSpot objects through @hubspot/api-client', () => {
  const suite = withSandbox();
  let sandbox: RunningSandbox;
  let client: Client;

  before(() => {
    sandbox = suite.sandbox;
    client = hubspotClient(sandbox);
  });

  it('creates a contact with basicApi.create and reads it back by id', async () => {
    const created = await client.crm.contacts.basicApi.create({ properties: { email: 'Ada@Example.com', firstname: 'Ada' }, associations: [] });
    const read = await client.crm.contacts.basicApi.getById(created.id, ['email', 'firstname']);
    assert.equal(read.properties.email, 'ada@example.com');
    assert.equal(read.properties.firstname, 'Ada');
  });

  it('answers 409 CONFLICT with the existing id when a contact email is taken', async () => {
    const first = await client.crm.contacts.basicApi.create({ properties: { email: 'dup@example.com' }, associations: [] });
    const err = await hubspotError(client.crm.contacts.basicApi.create({ properties: { email: 'DUP@example.com' }, associations: [] }));
    assert.equal(err.code, 409);
    assert.equal(err.body.category, 'CONFLICT');
    assert.equal(err.body.message, `Contact already exists. Existing ID: ${first.id}`);
  });

  it('answers 400 PROPERTY_DOESNT_EXIST naming the unknown property', async () => {
    const err = await hubspotError(
      client.crm.contacts.basicApi.create({ properties: { email: 'x@example.com', synaptiq_score: '5' }, associations: [] }),
    );
    assert.equal(err.code, 400);
    assert.equal(err.body.category, 'VALIDATION_ERROR');
    const errors = err.body.errors as { code: string; context: { propertyName: string[] } }[];
    assert.equal(errors[0]?.code, 'PROPERTY_DOESNT_EXIST');
    assert.deepEqual(errors[0]?.context.propertyName, ['synaptiq_score']);
  });

  it('batch-creates up to 100 contacts with 201', async () => {
    const inputs = Array.from({ length: 100 }, (_, i) => ({ properties: { email: `lead${i}@example.com` }, associations: [] }));
    const res = await client.crm.contacts.batchApi.create({ inputs });
    assert.equal(res.results.length, 100);
    assert.equal(sandbox.inspect().records.hubspot.contacts, 100);
  });

  it('rejects a batch of 101 inputs with 400', async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({ properties: { email: `lead${i}@example.com` }, associations: [] }));
    const err = await hubspotError(client.crm.contacts.batchApi.create({ inputs }));
    assert.equal(err.code, 400);
    assert.match(String(err.body.message), /maximum number of inputs supported in a batch request is 100/);
    assert.equal(sandbox.inspect().records.hubspot.contacts, 0);
  });

  it('reports per-input errors with 207 when inputs carry objectWriteTraceId', async () => {
    await client.crm.contacts.basicApi.create({ properties: { email: 'taken@example.com' }, associations: [] });
    const res = await client.crm.contacts.batchApi.create({
      inputs: [
        { properties: { email: 'new@example.com' }, associations: [], objectWriteTraceId: 'a' },
        { properties: { email: 'taken@example.com' }, associations: [], objectWriteTraceId: 'b' },
      ],
    });
    assert.equal(res.results.length, 1);
    const errors = (res as unknown as { errors: { category: string; context: { objectWriteTraceId: string[] } }[] }).errors;
    assert.equal(errors[0]?.category, 'CONFLICT');
    assert.deepEqual(errors[0]?.context.objectWriteTraceId, ['b']);
  });

  it('reads contacts by email with batch read and idProperty, listing missing ones in a 207', async () => {
    await client.crm.contacts.basicApi.create({ properties: { email: 'known@example.com' }, associations: [] });
    const res = await client.crm.contacts.batchApi.read({
      idProperty: 'email',
      inputs: [{ id: 'KNOWN@example.com' }, { id: 'unknown@example.com' }],
      properties: ['email'],
      propertiesWithHistory: [],
    });
    assert.equal(res.results.length, 1);
    assert.equal(res.results[0]?.properties.email, 'known@example.com');
    const errors = (res as unknown as { errors: { context: { ids: string[] } }[] }).errors;
    assert.deepEqual(errors[0]?.context.ids, ['unknown@example.com']);
  });

  it('upserts contacts by email, creating new ones and updating existing ones', async () => {
    const existing = await client.crm.contacts.basicApi.create({ properties: { email: 'up@example.com', firstname: 'Old' }, associations: [] });
    const res = await client.crm.contacts.batchApi.upsert({
      inputs: [
        { idProperty: 'email', id: 'up@example.com', properties: { firstname: 'New' } },
        { idProperty: 'email', id: 'fresh@example.com', properties: { firstname: 'Fresh' } },
      ],
    });
    const byEmail = new Map(res.results.map((r) => [r.properties.email, r]));
    assert.equal(byEmail.get('up@example.com')?.id, existing.id);
    assert.equal(byEmail.get('up@example.com')?._new, false);
    assert.equal(byEmail.get('fresh@example.com')?._new, true);
    assert.equal(byEmail.get('up@example.com')?.properties.firstname, 'New');
  });

  it('upserts companies through a custom property created with hasUniqueValue', async () => {
    await client.crm.properties.coreApi.create('companies', {
      name: 'synaptiq_company_key',
      label: 'Synaptiq company key',
      type: 'string' as never,
      fieldType: 'text' as never,
      groupName: 'companyinformation',
      hasUniqueValue: true,
    });
    const input = { idProperty: 'synaptiq_company_key', id: 'acme.com', properties: { name: 'Acme' } };
    const first = await client.crm.companies.batchApi.upsert({ inputs: [input] });
    const second = await client.crm.companies.batchApi.upsert({ inputs: [{ ...input, properties: { name: 'Acme Inc' } }] });
    assert.equal(second.results[0]?.id, first.results[0]?.id);
    assert.equal(second.results[0]?.properties.name, 'Acme Inc');
  });

  it('refuses upsert by a property that is not unique', async () => {
    const err = await hubspotError(
      client.crm.companies.batchApi.upsert({ inputs: [{ idProperty: 'domain', id: 'acme.com', properties: { name: 'Acme' } }] }),
    );
    assert.equal(err.code, 400);
  });

  it('updates in batch and archives in batch', async () => {
    const c = await client.crm.contacts.basicApi.create({ properties: { email: 'u@example.com' }, associations: [] });
    const updated = await client.crm.contacts.batchApi.update({ inputs: [{ id: c.id, properties: { lastname: 'Lovelace' } }] });
    assert.equal(updated.results[0]?.properties.lastname, 'Lovelace');
    await client.crm.contacts.batchApi.archive({ inputs: [{ id: c.id }] });
    assert.equal(sandbox.inspect().records.hubspot.contacts, 0);
  });

  const requiredCases: [string, 'companies' | 'deals' | 'notes' | 'meetings', Record<string, string>, string][] = [
    ['a company without name or domain', 'companies', { industry: 'RETAIL' }, 'name'],
    ['a deal without dealstage', 'deals', { dealname: 'D', pipeline: 'default' }, 'dealstage'],
    ['a note without hs_timestamp', 'notes', { hs_note_body: 'hello' }, 'hs_timestamp'],
    ['a meeting without hs_timestamp', 'meetings', { hs_meeting_title: 'Call' }, 'hs_timestamp'],
  ];
  for (const [name, type, properties, missing] of requiredCases) {
    it(`rejects ${name} with 400 naming ${missing}`, async () => {
      const err = await hubspotError(client.crm.objects.basicApi.create(type, { properties, associations: [] }));
      assert.equal(err.code, 400);
      assert.match(String(err.body.message), new RegExp(missing));
    });
  }

  it('rejects a deal stage that is not in the pipeline', async () => {
    const err = await hubspotError(
      client.crm.deals.basicApi.create({ properties: { dealname: 'D', pipeline: 'default', dealstage: 'Qualified Lead' }, associations: [] }),
    );
    assert.equal(err.code, 400);
    assert.equal((err.body.errors as { code: string }[])[0]?.code, 'INVALID_OPTION');
  });

  it('creates a deal, a note and a meeting associated inline with real type ids', async () => {
    const contact = await client.crm.contacts.basicApi.create({ properties: { email: 'a@example.com' }, associations: [] });
    const company = await client.crm.companies.basicApi.create({ properties: { name: 'Acme' }, associations: [] });
    const assoc = (id: string, typeId: number) => ({ to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: typeId }] });
    const deal = await client.crm.deals.basicApi.create({
      properties: { dealname: 'Acme deal', pipeline: 'default', dealstage: '1129874563' },
      associations: [assoc(contact.id, 3), assoc(company.id, 341)],
    });
    await client.crm.objects.notes.batchApi.create({
      inputs: [{ properties: { hs_note_body: 'Chat', hs_timestamp: '2026-11-26T09:00:00Z' }, associations: [assoc(contact.id, 202), assoc(deal.id, 214)] }],
    });
    await client.crm.objects.meetings.basicApi.create({
      properties: { hs_meeting_title: 'Demo', hs_timestamp: '2026-11-27T09:00:00Z', hs_meeting_outcome: 'SCHEDULED' },
      associations: [assoc(contact.id, 200)],
    });
    const fromContactToDeals = await client.crm.associations.v4.basicApi.getPage('contacts', contact.id, 'deals');
    assert.deepEqual(fromContactToDeals.results.map((r) => [String(r.toObjectId), r.associationTypes.map((t) => t.typeId)]), [[deal.id, [4]]]);
    const notes = await client.crm.associations.v4.basicApi.getPage('contacts', contact.id, 'notes');
    assert.equal(notes.results.length, 1);
  });

  it('rejects an inline association with a type id that does not fit the objects', async () => {
    const contact = await client.crm.contacts.basicApi.create({ properties: { email: 'a@example.com' }, associations: [] });
    const err = await hubspotError(
      client.crm.companies.basicApi.create({
        properties: { name: 'Acme' },
        associations: [{ to: { id: contact.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 3 }] }],
      }),
    );
    assert.equal(err.code, 400);
  });

  it('associates in batch with v4 create (201) and default associate (200)', async () => {
    const contact = await client.crm.contacts.basicApi.create({ properties: { email: 'a@example.com' }, associations: [] });
    const company = await client.crm.companies.basicApi.create({ properties: { name: 'Acme' }, associations: [] });
    const created = await client.crm.associations.v4.batchApi.create('contacts', 'companies', {
      inputs: [{ _from: { id: contact.id }, to: { id: company.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 1 }] }],
    });
    assert.equal(created.results.length, 1);
    const deal = await client.crm.deals.basicApi.create({ properties: { dealname: 'D', pipeline: 'default', dealstage: 'closedwon' }, associations: [] });
    const defaults = await client.crm.associations.v4.batchApi.createDefault('deals', 'contacts', {
      inputs: [{ _from: { id: deal.id }, to: { id: contact.id } }],
    });
    assert.equal(defaults.results.length, 1);
    const read = await client.crm.associations.v4.batchApi.getPage('companies', 'contacts', { inputs: [{ id: company.id }] });
    assert.deepEqual(read.results[0]?.to.map((t) => t.associationTypes.map((a) => a.typeId).sort()), [[2]]);
  });

  it('creates a labelled association with v4 basic create (201) and removes it with archive (204)', async () => {
    const contact = await client.crm.contacts.basicApi.create({ properties: { email: 'a@example.com' }, associations: [] });
    const company = await client.crm.companies.basicApi.create({ properties: { name: 'Acme' }, associations: [] });
    const created = await client.crm.associations.v4.basicApi.create('contacts', contact.id, 'companies', company.id, [
      { associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 1 },
    ]);
    assert.deepEqual(created.labels, ['Primary']);
    await client.crm.associations.v4.basicApi.archive('contacts', contact.id, 'companies', company.id);
    const left = await client.crm.associations.v4.basicApi.getPage('companies', company.id, 'contacts');
    assert.deepEqual(left.results, []);
  });
});
