import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '../../sandbox-crm/src/index';
import { hubspotClient, salesforceConnection, sandboxFor } from './helpers';

describe('sandbox CRM: inspection, config and persistence endpoints', () => {
  let sandbox: RunningSandbox;
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-crm-'));

  before(async () => {
    sandbox = await sandboxFor();
  });
  after(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => sandbox.reset());

  const getJson = async <T>(path: string): Promise<T> => (await (await fetch(`${sandbox.url}${path}`)).json()) as T;

  it('counts calls per endpoint under the route pattern', async () => {
    const client = hubspotClient(sandbox);
    await client.crm.contacts.batchApi.create({ inputs: [{ properties: { email: 'a@example.com' }, associations: [] }] });
    await client.crm.contacts.batchApi.create({ inputs: [{ properties: { email: 'b@example.com' }, associations: [] }] });
    await salesforceConnection(sandbox).sobject('Lead').create({ LastName: 'L', Company: 'C' });
    const stats = await getJson<{ calls: Record<string, number>; totals: { hubspot: number; salesforce: number } }>('/_sandbox/stats');
    assert.equal(stats.calls['POST /crm/v3/objects/contacts/batch/create'], 2);
    assert.equal(stats.calls['POST /services/data/vXX.X/sobjects/Lead'], 1);
    assert.deepEqual(stats.totals, { hubspot: 2, salesforce: 1 });
  });

  it('lists stored records of either CRM', async () => {
    await hubspotClient(sandbox).crm.companies.basicApi.create({ properties: { name: 'Acme' }, associations: [] });
    await salesforceConnection(sandbox).sobject('Account').create({ Name: 'Acme' });
    const hub = await getJson<{ total: number; results: { properties: { name: string } }[] }>('/_sandbox/records/companies');
    const sf = await getJson<{ total: number; results: { Name: string }[] }>('/_sandbox/records/Account');
    assert.equal(hub.results[0]?.properties.name, 'Acme');
    assert.equal(sf.results[0]?.Name, 'Acme');
  });

  it('changes config at runtime through POST /_sandbox/config and rejects invalid values', async () => {
    const ok = await fetch(`${sandbox.url}/_sandbox/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hubspot: { tier: 'enterprise' } }),
    });
    assert.equal(((await ok.json()) as { hubspot: { tier: string } }).hubspot.tier, 'enterprise');
    const bad = await fetch(`${sandbox.url}/_sandbox/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults: { errorRate: 2 } }),
    });
    assert.equal(bad.status, 400);
    assert.equal(sandbox.state.config.faults.errorRate, 0);
  });

  it('resets data and stats through POST /_sandbox/reset', async () => {
    await hubspotClient(sandbox).crm.contacts.basicApi.create({ properties: { email: 'a@example.com' }, associations: [] });
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
    assert.equal(sandbox.inspect().records.hubspot.contacts, 0);
    assert.equal(sandbox.inspect().totals.hubspot, 0);
  });

  it('saves records to the data file on close and loads them on the next start', async () => {
    const dataFile = join(dir, 'data.json');
    const first = await sandboxFor({ dataFile });
    await hubspotClient(first).crm.properties.coreApi.create('contacts', {
      name: 'synaptiq_score',
      label: 'Score',
      type: 'number' as never,
      fieldType: 'number' as never,
      groupName: 'contactinformation',
    });
    const contact = await hubspotClient(first).crm.contacts.basicApi.create({ properties: { email: 'keep@example.com', synaptiq_score: '3' }, associations: [] });
    await salesforceConnection(first).sobject('Lead').create({ LastName: 'Kept', Company: 'C' });
    await first.close();
    const second = await sandboxFor({ dataFile });
    try {
      const read = await hubspotClient(second).crm.contacts.basicApi.getById(contact.id, ['synaptiq_score']);
      assert.equal(read.properties.synaptiq_score, '3');
      const leads = await salesforceConnection(second).query<{ LastName: string }>('SELECT LastName FROM Lead');
      assert.deepEqual(leads.records.map((r) => r.LastName), ['Kept']);
      const next = await hubspotClient(second).crm.contacts.basicApi.create({ properties: { email: 'new@example.com' }, associations: [] });
      assert.notEqual(next.id, contact.id);
    } finally {
      await second.close();
    }
  });
});
