import assert from 'node:assert/strict';
import { MemoryCrmAdapter, salesforceContactFields } from '../../../../shared/src/adapters/memory/memory-crm-adapter';
import { SyncError } from '../../../../shared/src/errors';
import type { CrmProperty } from '../../../../shared/src/schemas/crm';

const fixedClock = (start = Date.UTC(2026, 10, 24, 15)) => {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe('MemoryCrmAdapter', () => {
  it('never creates a second record for the same key', async () => {
    const crm = new MemoryCrmAdapter();
    const [first] = await crm.upsertRecords('company', [{ key: 'company:acme.com', properties: { name: 'Acme' } }]);
    const [second] = await crm.upsertRecords('company', [{ key: 'company:acme.com', properties: { industry: 'Software' } }]);
    assert.deepEqual([first?.ok && first.created, second?.ok && second.created], [true, false]);
    assert.equal(crm.records('company').length, 1);
    assert.deepEqual(crm.records('company')[0]?.properties, { name: 'Acme', industry: 'Software' });
  });

  it('creates again by key once the keyed record was deleted', async () => {
    const crm = new MemoryCrmAdapter();
    const [first] = await crm.upsertRecords('deal', [{ key: 'lead:1:deal', properties: { dealname: 'A' } }]);
    crm.remove('deal', first?.ok ? first.id : '');
    const [second] = await crm.upsertRecords('deal', [{ key: 'lead:1:deal', properties: { dealname: 'A' } }]);
    assert.equal(second?.ok && second.created, true);
    const [third] = await crm.upsertRecords('deal', [{ key: 'lead:1:deal', properties: { dealname: 'B' } }]);
    assert.deepEqual([third?.ok && third.created, crm.records('deal').length], [false, 1]);
  });

  it('upserts a contact by email onto the record that has it, whatever its case', async () => {
    const crm = new MemoryCrmAdapter();
    const seeded = crm.seed('contact', { email: 'Ada@Analytical.example', firstname: 'Ada' });
    const [result] = await crm.upsertRecords('contact', [{ key: 'lead:1:contact', matchBy: { field: 'email', value: 'ada@analytical.example' }, properties: { lastname: 'Lovelace' } }]);
    assert.deepEqual(result, { key: 'lead:1:contact', ok: true, id: seeded.id, created: false, url: `memory://contact/${seeded.id}` });
  });

  it('fails one record, not the batch, when its id does not exist', async () => {
    const crm = new MemoryCrmAdapter();
    const results = await crm.upsertRecords('deal', [{ key: 'a', id: '999', properties: {} }, { key: 'b', properties: { dealname: 'B' } }]);
    assert.equal(results[0]?.ok, false);
    assert.equal(!results[0]?.ok && results[0]?.error.code, 'crm.not_found');
    assert.equal(results[1]?.ok, true);
  });

  it('rejects a property the CRM does not have, like HubSpot\'s PROPERTY_DOESNT_EXIST', async () => {
    const properties: CrmProperty[] = [{ name: 'name', label: 'Name', type: 'string', custom: false }];
    const crm = new MemoryCrmAdapter({ properties: { company: properties } });
    const [result] = await crm.upsertRecords('company', [{ key: 'k', properties: { name: 'Acme', synaptiq_key: 'k' } }]);
    assert.equal(!result?.ok && result?.error.code, 'crm.invalid_property');
    await crm.createProperty('company', { name: 'synaptiq_key', label: 'Synaptiq key', type: 'string', unique: true });
    const [retried] = await crm.upsertRecords('company', [{ key: 'k', properties: { name: 'Acme', synaptiq_key: 'k' } }]);
    assert.equal(retried?.ok, true);
    assert.deepEqual((await crm.listProperties('company')).map((p) => p.name), ['name', 'synaptiq_key']);
  });

  it('refuses to create a property twice', async () => {
    const crm = new MemoryCrmAdapter();
    await crm.createProperty('contact', { name: 'x', label: 'X', type: 'string' });
    await assert.rejects(crm.createProperty('contact', { name: 'x', label: 'X', type: 'string' }), (error: SyncError) => error.code === 'conflict');
  });

  it('fails an association to a record that does not exist', async () => {
    const crm = new MemoryCrmAdapter();
    const [result] = await crm.upsertRecords('note', [{ key: 'n', properties: {}, associations: [{ objectType: 'contact', id: '42' }] }]);
    assert.equal(!result?.ok && result?.error.code, 'crm.validation');
  });

  it('records associations', async () => {
    const crm = new MemoryCrmAdapter();
    const contact = crm.seed('contact', { email: 'a@b.example' });
    const [result] = await crm.upsertRecords('deal', [{ key: 'd', properties: {}, associations: [{ objectType: 'contact', id: contact.id }] }]);
    assert.deepEqual([...(crm.get('deal', result?.ok ? result.id : '')?.associations ?? [])], [`contact:${contact.id}`]);
  });

  it('splits writes into batches of the CRM limit and counts each as a call', async () => {
    const crm = new MemoryCrmAdapter();
    const writes = Array.from({ length: 250 }, (_, i) => ({ key: `k${i}`, properties: { name: `C${i}` } }));
    const results = await crm.upsertRecords('company', writes);
    assert.equal(results.length, 250);
    assert.deepEqual(results.map((r) => r.key), writes.map((w) => w.key));
    assert.equal(crm.calls.upsertRecords, 3);
    assert.deepEqual(crm.upsertBatches.map((b) => b.size), [100, 100, 50]);
  });

  it('finds contacts by email in one lookup per 100 emails', async () => {
    const crm = new MemoryCrmAdapter({ contactFields: salesforceContactFields });
    crm.seed('contact', { Email: 'ada@analytical.example', LastName: 'Lovelace' });
    const found = await crm.findContactsByEmail(['ADA@analytical.example', 'nobody@x.example']);
    assert.deepEqual(found.map((c) => [c.email, c.lastName]), [['ada@analytical.example', 'Lovelace']]);
    assert.equal(crm.calls.findContactsByEmail, 1);
  });

  it('finds candidates by phone or last name, keyed by the query ref', async () => {
    const crm = new MemoryCrmAdapter();
    const byPhone = crm.seed('contact', { phone: '+44 20 7946 0958', lastname: 'Byron' });
    const byName = crm.seed('contact', { lastname: 'Lovelace' });
    crm.seed('contact', { lastname: 'Babbage' });
    const found = await crm.findContactCandidates([{ ref: 'lead_1', phone: '+442079460958', lastName: 'lovelace' }]);
    assert.deepEqual(found.get('lead_1')?.map((c) => c.id).sort(), [byPhone.id, byName.id].sort());
  });

  it('lists changes since a time, in pages', async () => {
    const clock = fixedClock();
    const crm = new MemoryCrmAdapter({ clock, batchSize: 2 });
    crm.seed('contact', { email: 'old@x.example' });
    clock.advance(60_000);
    const since = new Date(clock.now()).toISOString();
    for (const n of [1, 2, 3]) crm.seed('contact', { email: `new${n}@x.example` });
    const first = await crm.listChanges('contact', since, null);
    const second = await crm.listChanges('contact', since, first.nextCursor);
    assert.equal(first.records.length, 2);
    assert.deepEqual([second.records.length, second.nextCursor], [1, null]);
  });

  it('throws an injected whole-call failure once', async () => {
    const crm = new MemoryCrmAdapter();
    crm.failNextCall('upsertRecords', new SyncError('crm.rate_limited', 'slow down', { retryAfterMs: 1000 }));
    await assert.rejects(crm.upsertRecords('contact', [{ key: 'k', properties: {} }]), (error: SyncError) => error.code === 'crm.rate_limited');
    assert.equal((await crm.upsertRecords('contact', [{ key: 'k', properties: {} }]))[0]?.ok, true);
  });

  it('returns pipelines, active and inactive owners, a connection and record links', async () => {
    const crm = new MemoryCrmAdapter();
    assert.equal((await crm.listPipelines())[0]?.label, 'Sales Pipeline');
    assert.deepEqual((await crm.listOwners()).map((o) => o.active), [true, true, false]);
    assert.equal((await crm.verifyConnection()).provider, 'memory');
    assert.equal(crm.recordUrl('deal', '7'), 'memory://deal/7');
  });
});
