import assert from 'node:assert/strict';
import request from 'supertest';
import { loadEvent, rawEvent } from '../../fixtures/events/load-event';
import { bearer, createTestRelay, signedHeaders } from '../support/test-relay';
import type { TestRelay } from '../support/test-relay';

/** Workspace B's key must never reach anything of workspace A. */
describe('workspace isolation', () => {
  let relay: TestRelay;
  let authA: string;
  let authB: string;
  let secretB: string;
  const at = '2026-11-24T15:00:00.000Z';

  beforeEach(async () => {
    relay = createTestRelay();
    authA = bearer((await relay.addWorkspace({ id: 'agency-a', name: 'A' })).apiKey);
    const b = await relay.addWorkspace({ id: 'agency-b', name: 'B' });
    authB = bearer(b.apiKey);
    secretB = b.webhookSecret;
    const event = { ...loadEvent('lead.created'), id: 'evt_a' };
    await relay.stores.events.append('agency-a', event, at);
    await relay.stores.leads.upsert('agency-a', event.data.lead, at);
    await relay.stores.syncLog.append([
      { id: 'log_a', workspace_id: 'agency-a', at, event_id: 'evt_a', lead_id: event.data.lead.id, record_type: 'contact', action: 'create', status: 'success', crm_id: '1', crm_url: null, error: null, message: null, retry_count: 0 },
    ]);
  });

  const leadId = loadEvent('lead.created').data.lead.id;

  it('shows B its own workspace on /v1/me', async () => {
    const res = await request(relay.app).get('/v1/me').set('authorization', authB);
    assert.equal(res.body.workspace.id, 'agency-b');
  });

  const emptyLists = ['/v1/leads', '/v1/events', '/v1/sync-log', '/v1/review'];
  for (const path of emptyLists) {
    it(`lists nothing of A at ${path} with B's key (and A sees its own)`, async () => {
      const b = await request(relay.app).get(path).set('authorization', authB);
      assert.equal(b.status, 200);
      assert.deepEqual(b.body.data, []);
      if (path !== '/v1/review') assert.equal((await request(relay.app).get(path).set('authorization', authA)).body.data.length, 1);
    });
  }

  it('exports none of A\'s log as CSV with B\'s key', async () => {
    const res = await request(relay.app).get('/v1/sync-log.csv').set('authorization', authB);
    assert.equal(res.text.trim().split('\r\n').length, 1);
  });

  const notFound: Array<{ method: 'get' | 'patch' | 'post'; path: string; body?: object }> = [
    { method: 'get', path: `/v1/leads/${leadId}` },
    { method: 'patch', path: `/v1/leads/${leadId}`, body: { title: 'Hacked' } },
    { method: 'post', path: '/v1/events/evt_a/replay' },
    { method: 'post', path: '/v1/deals', body: { lead_id: leadId } },
    { method: 'post', path: `/v1/review/${leadId}`, body: { resolution: 'merge' } },
  ];
  for (const { method, path, body } of notFound) {
    it(`answers 404 to ${method.toUpperCase()} ${path} with B's key and changes nothing of A`, async () => {
      const res = await request(relay.app)[method](path).set('authorization', authB).send(body);
      assert.equal(res.status, 404);
      assert.equal((await relay.stores.leads.get('agency-a', leadId))?.lead.title ?? null, loadEvent('lead.created').data.lead.title ?? null);
      assert.equal((await relay.stores.events.list('agency-a', {}, { limit: 10 })).items.length, 1);
    });
  }

  it('does not let B create a lead in A by naming A\'s lead id', async () => {
    const res = await request(relay.app).post('/v1/leads').set('authorization', authB).send({ id: leadId, name: 'Mallory' });
    assert.equal(res.status, 201);
    assert.equal((await relay.stores.leads.get('agency-a', leadId))?.lead.name, 'Ada Lovelace');
    assert.equal((await relay.stores.leads.get('agency-b', leadId))?.lead.name, 'Mallory');
  });

  it('changes only B\'s settings with B\'s key', async () => {
    await request(relay.app).post('/v1/crm/properties').set('authorization', authB);
    await request(relay.app).patch('/v1/settings').set('authorization', authB).send({ sync_mode: { mode: 'manual' } });
    assert.deepEqual((await relay.stores.config.getWorkspace('agency-a'))?.settings.sync_mode, { mode: 'realtime' });
    assert.deepEqual((await relay.stores.config.getWorkspace('agency-b'))?.settings.sync_mode, { mode: 'manual' });
  });

  it('rejects a webhook to A signed with B\'s secret', async () => {
    const body = JSON.stringify({ ...rawEvent('lead.created'), id: 'evt_forged' });
    const res = await request(relay.app).post('/v1/workspaces/agency-a/webhooks/synaptiq').set(signedHeaders(secretB, 'evt_forged', body, relay.clock)).send(body);
    assert.equal(res.status, 401);
    assert.equal(await relay.stores.events.get('agency-a', 'evt_forged'), undefined);
  });

  it('runs Sync Now for B only with B\'s key', async () => {
    await request(relay.app).post('/v1/sync').set('authorization', authB);
    assert.deepEqual(relay.worker.syncNows, ['agency-b']);
  });
});
