import assert from 'node:assert/strict';
import request from 'supertest';
import { loadEvent } from '../../fixtures/events/load-event';
import { bearer, createTestRelay } from '../support/test-relay';
import type { TestRelay } from '../support/test-relay';

describe('/v1/events (dead letters and replay)', () => {
  let relay: TestRelay;
  let auth: string;
  const now = '2026-11-24T15:00:00.000Z';

  beforeEach(async () => {
    relay = createTestRelay();
    auth = bearer((await relay.addWorkspace()).apiKey);
    await relay.stores.events.append('acme', { ...loadEvent('lead.created'), id: 'evt_dead' }, now);
    await relay.stores.events.append('acme', { ...loadEvent('lead.created'), id: 'evt_ok', data: { lead: { id: 'lead_other', name: 'Other' } } }, now);
    const claimed = await relay.stores.events.claim({ workspaceIds: ['acme'], now, limit: 10, leaseUntil: '2026-11-24T16:00:00.000Z' });
    assert.equal(claimed.length, 2);
    await relay.stores.events.fail('acme', 'evt_dead', { code: 'crm.validation', message: 'Email is invalid.', details: {} }, null, now);
    await relay.stores.events.complete('acme', ['evt_ok'], 'synced', now);
  });

  it('lists dead letters with their last error and no payload', async () => {
    const res = await request(relay.app).get('/v1/events?status=dead').set('authorization', auth);
    assert.equal(res.status, 200);
    assert.equal(res.body.data.length, 1);
    const [dead] = res.body.data;
    assert.equal(dead.id, 'evt_dead');
    assert.equal(dead.status, 'dead');
    assert.deepEqual(dead.last_error, { code: 'crm.validation', message: 'Email is invalid.' });
    assert.equal(dead.payload, undefined);
  });

  it('replays a dead letter: back to pending, worker kicked', async () => {
    const res = await request(relay.app).post('/v1/events/evt_dead/replay').set('authorization', auth);
    assert.equal(res.status, 202);
    assert.deepEqual(res.body, { id: 'evt_dead', status: 'pending' });
    assert.equal((await relay.stores.events.get('acme', 'evt_dead'))?.status, 'pending');
    assert.deepEqual(relay.worker.kicks, ['acme']);
  });

  it('answers 409 to replaying an event that succeeded, 404 to an unknown one', async () => {
    const synced = await request(relay.app).post('/v1/events/evt_ok/replay').set('authorization', auth);
    assert.equal(synced.status, 409);
    assert.equal(synced.body.error.details.status, 'synced');
    const unknown = await request(relay.app).post('/v1/events/evt_none/replay').set('authorization', auth);
    assert.equal(unknown.status, 404);
  });

  it('answers 422 to an unknown status filter', async () => {
    const res = await request(relay.app).get('/v1/events?status=zombie').set('authorization', auth);
    assert.equal(res.status, 422);
    assert.equal(res.body.error.details.errors[0].path, 'query.status');
  });
});
