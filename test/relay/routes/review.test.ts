import assert from 'node:assert/strict';
import request from 'supertest';
import { bearer, createTestRelay } from '../support/test-relay';
import type { TestRelay } from '../support/test-relay';

describe('/v1/review', () => {
  let relay: TestRelay;
  let auth: string;
  const at = '2026-11-24T15:00:00.000Z';

  beforeEach(async () => {
    relay = createTestRelay();
    auth = bearer((await relay.addWorkspace()).apiKey);
    await relay.stores.leads.upsert('acme', { id: 'lead_flagged', name: 'Bill Gates' }, at);
    await relay.stores.leads.upsert('acme', { id: 'lead_plain', name: 'Ada Lovelace' }, at);
    await relay.stores.leads.update('acme', 'lead_flagged', {
      review: { state: 'open', resolved_at: null },
      dedup: { outcome: 'review', rule: 'name_company', score: 0.8, record: { id: '77', properties: {} }, evidence: ['nickname Bill = William'] },
    }, at);
  });

  it('lists only the leads flagged for review, with the evidence', async () => {
    const res = await request(relay.app).get('/v1/review').set('authorization', auth);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.data.map((lead: { id: string }) => lead.id), ['lead_flagged']);
    assert.deepEqual(res.body.data[0].dedup.evidence, ['nickname Bill = William']);
  });

  it('records a resolution once', async () => {
    const res = await request(relay.app).post('/v1/review/lead_flagged').set('authorization', auth).send({ resolution: 'keep_separate' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.review, { state: 'kept_separate' });
    assert.equal((await request(relay.app).get('/v1/review').set('authorization', auth)).body.data.length, 0);
    const again = await request(relay.app).post('/v1/review/lead_flagged').set('authorization', auth).send({ resolution: 'merge' });
    assert.equal(again.status, 409);
  });

  it('writes the decision to the sync log next to the flagged contact', async () => {
    await relay.stores.links.put('acme', [{ key: 'lead:lead_flagged:contact', object_type: 'contact', crm_id: '901', url: 'https://crm.example/901' }]);
    await request(relay.app).post('/v1/review/lead_flagged').set('authorization', auth).send({ resolution: 'merge' });
    const log = await request(relay.app).get('/v1/sync-log?lead_id=lead_flagged').set('authorization', auth);
    assert.equal(log.body.data.length, 1);
    const [entry] = log.body.data;
    assert.equal(entry.action, 'review');
    assert.equal(entry.status, 'success');
    assert.equal(entry.crm_id, '901');
    assert.match(entry.message, /marked as merged through the API \(suspected original: 77\)/);
  });

  it('answers 409 for a lead never flagged, 404 for an unknown lead and 422 for a bad resolution', async () => {
    assert.equal((await request(relay.app).post('/v1/review/lead_plain').set('authorization', auth).send({ resolution: 'merge' })).status, 409);
    assert.equal((await request(relay.app).post('/v1/review/lead_none').set('authorization', auth).send({ resolution: 'merge' })).status, 404);
    const bad = await request(relay.app).post('/v1/review/lead_flagged').set('authorization', auth).send({ resolution: 'delete' });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.error.details.errors[0].path, 'body.resolution');
  });
});
