import assert from 'node:assert/strict';
import type { Client } from '@hubspot/api-client';
import { hubspotClient, hubspotError, withSandbox } from './helpers';

describe('sandbox CRM: HubSpot properties, pipelines, owners and account', () => {
  const suite = withSandbox({}, false);
  let client: Client;

  before(() => {
    client = hubspotClient(suite.sandbox);
  });

  it('lists standard contact properties and none of our custom ones', async () => {
    const res = await client.crm.properties.coreApi.getAll('contacts');
    const names = res.results.map((p) => p.name);
    for (const name of ['firstname', 'lastname', 'email', 'phone', 'company', 'jobtitle', 'lifecyclestage', 'hs_lead_status', 'hubspot_owner_id']) {
      assert.ok(names.includes(name), name);
    }
    assert.equal(names.filter((n) => n.startsWith('synaptiq_')).length, 0);
  });

  it('creates a custom property (201) that records can then use', async () => {
    const created = await client.crm.properties.coreApi.create('contacts', {
      name: 'synaptiq_score',
      label: 'Synaptiq score',
      type: 'number' as never,
      fieldType: 'number' as never,
      groupName: 'contactinformation',
    });
    assert.equal(created.name, 'synaptiq_score');
    const contact = await client.crm.contacts.basicApi.create({ properties: { email: 's@example.com', synaptiq_score: '87' }, associations: [] });
    assert.equal(contact.properties.synaptiq_score, '87');
  });

  it('answers 409 when the property already exists', async () => {
    const err = await hubspotError(
      client.crm.properties.coreApi.create('contacts', { name: 'email', label: 'Email', type: 'string' as never, fieldType: 'text' as never, groupName: 'contactinformation' }),
    );
    assert.equal(err.code, 409);
  });

  it('rejects a fieldType that does not fit the type', async () => {
    const err = await hubspotError(
      client.crm.properties.coreApi.create('deals', { name: 'synaptiq_flag', label: 'Flag', type: 'bool' as never, fieldType: 'text' as never, groupName: 'dealinformation' }),
    );
    assert.equal(err.code, 400);
  });

  it('lists the Sales Pipeline with real stage ids and a Qualified Lead stage', async () => {
    const res = await client.crm.pipelines.pipelinesApi.getAll('deals');
    const sales = res.results.find((p) => p.label === 'Sales Pipeline');
    assert.equal(sales?.id, 'default');
    const stages = new Map(sales?.stages.map((s) => [s.label, s.id]));
    assert.equal(stages.get('Appointment Scheduled'), 'appointmentscheduled');
    assert.equal(stages.get('Closed Won'), 'closedwon');
    assert.ok(stages.get('Qualified Lead'));
    assert.equal(sales?.stages.find((s) => s.id === 'closedlost')?.metadata?.isClosed, 'true');
  });

  it('pages owners and hides archived ones unless asked', async () => {
    const first = await client.crm.owners.ownersApi.getPage(undefined, undefined, 3);
    assert.equal(first.results.length, 3);
    const rest = await client.crm.owners.ownersApi.getPage(undefined, first.paging?.next?.after, 3);
    const active = [...first.results, ...rest.results];
    assert.equal(active.some((o) => o.archived), false);
    assert.ok(active.some((o) => o.type === 'QUEUE'));
    const archived = await client.crm.owners.ownersApi.getPage(undefined, undefined, 100, true);
    assert.deepEqual(archived.results.map((o) => o.lastName), ['Baker']);
  });

  it('accepts an owner id as hubspot_owner_id and rejects an unknown one', async () => {
    const owners = await client.crm.owners.ownersApi.getPage();
    const ownerId = owners.results[0]?.id ?? '';
    const ok = await client.crm.contacts.basicApi.create({ properties: { email: 'o@example.com', hubspot_owner_id: ownerId }, associations: [] });
    assert.equal(ok.properties.hubspot_owner_id, ownerId);
    const err = await hubspotError(client.crm.contacts.basicApi.create({ properties: { email: 'p@example.com', hubspot_owner_id: '1' }, associations: [] }));
    assert.equal(err.code, 400);
  });

  it('returns account details for connection checks', async () => {
    const res = await client.apiRequest({ method: 'GET', path: '/account-info/v3/details' });
    const body = (await res.json()) as { portalId: number; timeZone: string };
    assert.equal(body.portalId, 44_556_677);
    assert.equal(body.timeZone, 'US/Eastern');
  });
});
