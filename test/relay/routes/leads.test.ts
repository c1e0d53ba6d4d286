import assert from 'node:assert/strict';
import request from 'supertest';
import { loadEvent } from '../../fixtures/events/load-event';
import { bearer, createTestRelay } from '../support/test-relay';
import type { TestRelay } from '../support/test-relay';

describe('/v1/leads', () => {
  let relay: TestRelay;
  let auth: string;
  const ada = loadEvent('lead.qualified').data.lead;

  beforeEach(async () => {
    relay = createTestRelay();
    auth = bearer((await relay.addWorkspace()).apiKey);
  });

  const at = (minute: number) => `2026-11-24T15:${String(minute).padStart(2, '0')}:00.000Z`;
  const seedLead = (id: string, minute: number, patch: Record<string, unknown> = {}) =>
    relay.stores.leads.upsert('acme', { ...ada, id, ...patch }, at(minute));
  const events = async () => (await relay.stores.events.list('acme', {}, { limit: 50 })).items;

  describe('POST /v1/leads', () => {
    it('stores a new lead as a lead.created event, gives it an id and kicks the worker', async () => {
      const res = await request(relay.app).post('/v1/leads').set('authorization', auth).send({ name: 'Grace Hopper', email: 'grace@navy.example' });
      assert.equal(res.status, 201);
      assert.match(res.body.lead.id, /^lead_/);
      assert.equal(res.body.lead.email, 'grace@navy.example');
      assert.equal(res.body.dedup, null);
      const [event] = await events();
      assert.equal(event?.type, 'lead.created');
      assert.equal(event?.event_id, res.body.event_id);
      assert.equal(event?.status, 'pending');
      assert.deepEqual(relay.worker.kicks, ['acme']);
    });

    it('sends a lead with a known id on as lead.updated with 200', async () => {
      await seedLead('lead_known', 1);
      const res = await request(relay.app).post('/v1/leads').set('authorization', auth).send({ id: 'lead_known', name: 'Ada Lovelace', phone: '+44 20 7946 0000' });
      assert.equal(res.status, 200);
      assert.equal(res.body.lead.phone, '+44 20 7946 0000');
      assert.equal((await events())[0]?.type, 'lead.updated');
    });

    it('waits for the worker with ?wait=true and answers its dedup decision', async () => {
      relay.worker.onKick = async (workspaceId) => {
        const [event] = await relay.stores.events.claim({ workspaceIds: [workspaceId], now: at(0), limit: 1, leaseUntil: at(30) });
        if (!event) return;
        await relay.stores.leads.update(workspaceId, event.lead_id, { dedup: { outcome: 'no_match', rule: 'none', score: 0, evidence: ['no candidate records'] } }, at(1));
        await relay.stores.events.complete(workspaceId, [event.event_id], 'synced', at(1));
      };
      const res = await request(relay.app).post('/v1/leads?wait=true').set('authorization', auth).send({ name: 'Grace Hopper', email: 'grace@navy.example' });
      assert.equal(res.status, 201);
      assert.deepEqual(res.body.dedup, { outcome: 'no_match', rule: 'none', score: 0, matched_record_id: null, evidence: ['no candidate records'] });
    });

    it('does not wait in manual mode, where nothing runs before Sync Now', async () => {
      const workspace = await relay.stores.config.getWorkspace('acme');
      assert.ok(workspace);
      await relay.stores.config.saveWorkspace({ ...workspace, settings: { ...workspace.settings, sync_mode: { mode: 'manual' } } });
      const res = await request(relay.app).post('/v1/leads?wait=true').set('authorization', auth).send({ name: 'Grace Hopper' });
      assert.equal(res.status, 201);
      assert.equal(res.body.dedup, null);
    });

    it('answers 422 naming the bad fields and stores nothing', async () => {
      const res = await request(relay.app).post('/v1/leads').set('authorization', auth).send({ email: 'x@example.com', score: 900 });
      assert.equal(res.status, 422);
      const paths = (res.body.error.details.errors as Array<{ path: string }>).map((e) => e.path).sort();
      assert.deepEqual(paths, ['body.name', 'body.score']);
      assert.equal((await events()).length, 0);
    });
  });

  describe('GET /v1/leads', () => {
    it('lists leads newest first, paged by cursor', async () => {
      await seedLead('lead_a', 1);
      await seedLead('lead_b', 2);
      await seedLead('lead_c', 3);
      const first = await request(relay.app).get('/v1/leads?limit=2').set('authorization', auth);
      assert.deepEqual(first.body.data.map((lead: { id: string }) => lead.id), ['lead_c', 'lead_b']);
      assert.ok(first.body.next_cursor);
      const second = await request(relay.app).get(`/v1/leads?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`).set('authorization', auth);
      assert.deepEqual(second.body.data.map((lead: { id: string }) => lead.id), ['lead_a']);
      assert.equal(second.body.next_cursor, null);
    });

    it('filters by status and time', async () => {
      await seedLead('lead_new', 1, { qualification_status: 'new' });
      await seedLead('lead_q', 5, { qualification_status: 'qualified' });
      const byStatus = await request(relay.app).get('/v1/leads?status=new').set('authorization', auth);
      assert.deepEqual(byStatus.body.data.map((lead: { id: string }) => lead.id), ['lead_new']);
      const since = await request(relay.app).get(`/v1/leads?since=${at(3)}`).set('authorization', auth);
      assert.deepEqual(since.body.data.map((lead: { id: string }) => lead.id), ['lead_q']);
    });

    it('answers 422 for bad filters', async () => {
      const res = await request(relay.app).get('/v1/leads?status=hot&limit=1000&since=yesterday').set('authorization', auth);
      assert.equal(res.status, 422);
      const paths = (res.body.error.details.errors as Array<{ path: string }>).map((e) => e.path).sort();
      assert.deepEqual(paths, ['query.limit', 'query.since', 'query.status']);
    });
  });

  describe('GET /v1/leads/:id', () => {
    it('shows the CRM records, owner and dedup decision of a lead', async () => {
      await seedLead('lead_1', 1);
      await relay.stores.links.put('acme', [
        { key: 'lead:lead_1:contact', object_type: 'contact', crm_id: '101', url: 'https://crm.example/contact/101' },
        { key: 'lead:lead_1:deal', object_type: 'deal', crm_id: '301' },
        { key: 'company:analytical.example', object_type: 'company', crm_id: '201' },
      ]);
      await relay.stores.leads.update('acme', 'lead_1', {
        dedup: { outcome: 'match', rule: 'email', score: 1, record: { id: '101', properties: {} }, evidence: ['email equal'] },
        crm_owner: { id: 'owner-1', name: 'Sarah Chen' },
      }, at(2));
      const res = await request(relay.app).get('/v1/leads/lead_1').set('authorization', auth);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.crm, {
        provider: 'hubspot',
        contact: { id: '101', url: 'https://crm.example/contact/101' },
        company: { id: '201', url: relay.crm('acme').recordUrl('company', '201') },
        deal: { id: '301', url: relay.crm('acme').recordUrl('deal', '301') },
      });
      assert.deepEqual(res.body.dedup, { outcome: 'match', rule: 'email', score: 1, matched_record_id: '101', evidence: ['email equal'] });
      assert.deepEqual(res.body.owner, { id: 'owner-1', name: 'Sarah Chen' });
    });

    it('answers 404 for an unknown lead', async () => {
      const res = await request(relay.app).get('/v1/leads/lead_none').set('authorization', auth);
      assert.equal(res.status, 404);
      assert.equal(res.body.error.code, 'not_found');
    });
  });

  describe('PATCH /v1/leads/:id', () => {
    it('merges the fields over the stored lead and enqueues a lead.updated', async () => {
      await seedLead('lead_1', 1);
      const res = await request(relay.app).patch('/v1/leads/lead_1').set('authorization', auth).send({ title: 'Countess', score: 95 });
      assert.equal(res.status, 200);
      assert.equal(res.body.title, 'Countess');
      assert.equal(res.body.email, ada.email);
      const [event] = await events();
      assert.equal(event?.type, 'lead.updated');
      assert.equal(event?.payload.data.lead.score, 95);
      assert.deepEqual(relay.worker.kicks, ['acme']);
    });

    it('answers 404 for an unknown lead and 422 for bad fields', async () => {
      assert.equal((await request(relay.app).patch('/v1/leads/lead_none').set('authorization', auth).send({ title: 'x' })).status, 404);
      await seedLead('lead_1', 1);
      const res = await request(relay.app).patch('/v1/leads/lead_1').set('authorization', auth).send({ score: -1 });
      assert.equal(res.status, 422);
      assert.equal(res.body.error.details.errors[0].path, 'body.score');
    });
  });
});
