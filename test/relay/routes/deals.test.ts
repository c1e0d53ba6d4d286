import assert from 'node:assert/strict';
import request from 'supertest';
import { loadEvent } from '../../fixtures/events/load-event';
import { bearer, createTestRelay } from '../support/test-relay';
import type { TestRelay } from '../support/test-relay';

describe('POST /v1/deals', () => {
  let relay: TestRelay;
  let auth: string;
  let contactId: string;

  beforeEach(async () => {
    relay = createTestRelay();
    auth = bearer((await relay.addWorkspace()).apiKey);
    await request(relay.app).post('/v1/crm/properties').set('authorization', auth);
    await relay.stores.leads.upsert('acme', { ...loadEvent('lead.qualified').data.lead, id: 'lead_1', estimated_value: 24000 }, '2026-11-24T15:00:00.000Z');
    contactId = relay.crm('acme').seed('contact', { email: 'ada@analytical.example' }).id;
    await relay.stores.links.put('acme', [{ key: 'lead:lead_1:contact', object_type: 'contact', crm_id: contactId }]);
  });

  const post = (body: object) => request(relay.app).post('/v1/deals').set('authorization', auth).send(body);

  it('writes the deal to the CRM now, on the settings\' pipeline and stage, attached to the contact', async () => {
    const res = await post({ lead_id: 'lead_1' });
    assert.equal(res.status, 201);
    const { deal } = res.body;
    assert.deepEqual({ ...deal, id: undefined, url: undefined }, {
      id: undefined,
      url: undefined,
      lead_id: 'lead_1',
      pipeline_id: 'default',
      stage_id: 'qualifiedlead',
      amount: 24000,
      owner_id: 'owner-1',
      close_date: '2026-12-24',
      name: 'Analytical Engines Ltd – Ada Lovelace',
    });
    const record = relay.crm('acme').get('deal', deal.id);
    assert.equal(record?.properties.dealstage, 'qualifiedlead');
    assert.equal(record?.properties.pipeline, 'default');
    assert.equal(record?.properties.hubspot_owner_id, 'owner-1');
    assert.ok(record?.associations.has(`contact:${contactId}`));
  });

  it('links the deal to the lead under the worker\'s key and logs it', async () => {
    const { body } = await post({ lead_id: 'lead_1' });
    const [link] = await relay.stores.links.getMany('acme', ['lead:lead_1:deal']).then((links) => [...links.values()]);
    assert.equal(link?.crm_id, body.deal.id);
    const log = await relay.stores.syncLog.list('acme', { record_type: 'deal' }, { limit: 10 });
    assert.equal(log.items[0]?.crm_id, body.deal.id);
    assert.equal(log.items[0]?.status, 'success');
  });

  it('uses the pipeline, stage, owner, amount, date and name it is given', async () => {
    const res = await post({ lead_id: 'lead_1', stage_id: 'contractsent', owner_id: 'owner-2', amount: 10, close_date: '2027-01-31', name: 'Big one' });
    assert.equal(res.status, 201);
    const record = relay.crm('acme').get('deal', res.body.deal.id);
    assert.equal(record?.properties.dealstage, 'contractsent');
    assert.equal(record?.properties.hubspot_owner_id, 'owner-2');
    assert.equal(record?.properties.amount, 10);
    assert.equal(record?.properties.dealname, 'Big one');
    assert.equal(record?.properties.closedate, Date.parse('2027-01-31T00:00:00Z'));
  });

  it('answers 409 when the lead already has a deal', async () => {
    await post({ lead_id: 'lead_1' });
    const res = await post({ lead_id: 'lead_1' });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'conflict');
    assert.match(res.body.error.message, /already has a deal/);
    assert.equal(relay.crm('acme').records('deal').length, 1);
  });

  it('answers 409 when the lead is not in the CRM yet', async () => {
    await relay.stores.leads.upsert('acme', { id: 'lead_2', name: 'New Person' }, '2026-11-24T15:00:00.000Z');
    const res = await post({ lead_id: 'lead_2' });
    assert.equal(res.status, 409);
    assert.match(res.body.error.message, /Sync Now/);
  });

  const invalid: Array<{ body: object; status: number; path?: string }> = [
    { body: { lead_id: 'lead_none' }, status: 404 },
    { body: {}, status: 422, path: 'body.lead_id' },
    { body: { lead_id: 'lead_1', close_date: '31/01/2027' }, status: 422, path: 'body.close_date' },
    { body: { lead_id: 'lead_1', amount: -5 }, status: 422, path: 'body.amount' },
    { body: { lead_id: 'lead_1', pipeline_id: 'nope' }, status: 422, path: 'body.pipeline_id' },
    { body: { lead_id: 'lead_1', stage_id: 'nope' }, status: 422, path: 'body.stage_id' },
  ];
  for (const { body, status, path } of invalid) {
    it(`answers ${status}${path ? ` at ${path}` : ''} to ${JSON.stringify(body)}`, async () => {
      const res = await post(body);
      assert.equal(res.status, status);
      if (path) assert.equal(res.body.error.details.errors[0].path, path);
      assert.equal(relay.crm('acme').records('deal').length, 0);
    });
  }
});
