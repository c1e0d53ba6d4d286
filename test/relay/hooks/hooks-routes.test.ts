import assert from 'node:assert/strict';
import request from 'supertest';
import type { LeadView } from '../../../relay/src/services/lead-view';
import { bearer, createTestRelay } from '../support/test-relay';
import { createHooksRelay } from './support/hooks-relay';
import type { HooksRelay } from './support/hooks-relay';

const target = 'https://hooks.example.com/synaptiq';
const lead = { id: 'lead_1', name: 'Ada Lovelace' } as LeadView;

describe('/v1/hooks', () => {
  let relay: HooksRelay;
  let other: { apiKey: string };
  const as = (key: string) => ({ authorization: bearer(key) });

  beforeEach(async () => {
    relay = await createHooksRelay({ transport: async () => ({ status: 500, retryAfter: null, error: null }) });
    other = await relay.addWorkspace({ id: 'globex', name: 'Globex' });
  });

  it('subscribes with 201 and shows the whsec_ secret once', async () => {
    const res = await request(relay.app).post('/v1/hooks').set(as(relay.apiKey)).send({ target_url: target, event: 'lead.synced' });
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.body).sort(), ['created_at', 'disabled_reason', 'event', 'health', 'id', 'secret', 'status', 'target_url']);
    assert.match(res.body.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.deepEqual({ event: res.body.event, target_url: res.body.target_url, status: res.body.status }, { event: 'lead.synced', target_url: target, status: 'active' });
    const list = await request(relay.app).get('/v1/hooks').set(as(relay.apiKey));
    assert.equal(JSON.stringify(list.body).includes(res.body.secret), false);
  });

  it('stores the secret encrypted', async () => {
    const { id, secret } = await relay.subscribe('lead.created', target);
    const [stored] = await relay.stores.config.listSubscriptions('acme');
    assert.equal(stored?.id, id);
    assert.notEqual(stored?.secret, secret);
    assert.equal(JSON.stringify(stored).includes(secret.slice(6)), false);
    assert.equal(relay.secrets.decrypt(stored?.secret ?? ''), secret);
  });

  it('keeps several subscriptions to one event, each with its own id and secret', async () => {
    const first = await relay.subscribe('lead.created', target);
    const second = await relay.subscribe('lead.created', target);
    const list = await request(relay.app).get('/v1/hooks').set(as(relay.apiKey));
    assert.notEqual(first.id, second.id);
    assert.notEqual(first.secret, second.secret);
    assert.deepEqual((list.body.data as Array<{ id: string }>).map((hook) => hook.id).sort(), [first.id, second.id].sort());
  });

  it('lists subscriptions with their delivery health', async () => {
    await relay.subscribe('meeting.booked', target);
    const res = await request(relay.app).get('/v1/hooks').set(as(relay.apiKey));
    assert.equal(res.status, 200);
    assert.equal(res.body.next_cursor, null);
    assert.deepEqual(res.body.data[0].health, { last_success_at: null, last_failure_at: null, failing_since: null });
  });

  it('unsubscribes with 204, after which nothing is queued for it', async () => {
    const { id } = await relay.subscribe('lead.created', target);
    const res = await request(relay.app).delete(`/v1/hooks/${id}`).set(as(relay.apiKey));
    assert.equal(res.status, 204);
    assert.equal(await relay.hooks.emitHookEvent('acme', 'lead.created', lead), 0);
  });

  it('answers 404 to deleting an unknown subscription', async () => {
    const res = await request(relay.app).delete('/v1/hooks/hook_nope').set(as(relay.apiKey));
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'not_found');
  });

  const invalidBodies = [
    { name: 'an unknown event', body: { target_url: target, event: 'lead.deleted' }, path: 'body.event' },
    { name: 'no target_url', body: { event: 'lead.created' }, path: 'body.target_url' },
    { name: 'a non-http target', body: { target_url: 'ftp://hooks.example.com/', event: 'lead.created' }, path: 'body.target_url' },
  ];
  for (const { name, body, path } of invalidBodies) {
    it(`refuses ${name} with 422 naming the field`, async () => {
      const res = await request(relay.app).post('/v1/hooks').set(as(relay.apiKey)).send(body);
      assert.equal(res.status, 422);
      assert.equal(res.body.error.code, 'request.invalid');
      assert.ok((res.body.error.details.errors as Array<{ path: string }>).some((error) => error.path === path), JSON.stringify(res.body));
    });
  }

  it('refuses a loopback target unless HOOKS_ALLOW_PRIVATE_TARGETS is set', async () => {
    const strict = createTestRelay();
    const { apiKey } = await strict.addWorkspace();
    const res = await request(strict.app).post('/v1/hooks').set(as(apiKey)).send({ target_url: 'http://127.0.0.1:3000/hook', event: 'lead.created' });
    assert.equal(res.status, 422);
    assert.match(res.body.error.message, /HOOKS_ALLOW_PRIVATE_TARGETS/);
  });

  it('needs an API key', async () => {
    const res = await request(relay.app).get('/v1/hooks');
    assert.equal(res.status, 401);
  });

  describe('deliveries and replay', () => {
    async function failedDelivery(): Promise<{ hookId: string; deliveryId: string }> {
      const { id } = await relay.subscribe('lead.created', target);
      await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
      await relay.hooks.worker.runDue();
      const [delivery] = (await relay.stores.deliveries.list('acme', {}, { limit: 1 })).items;
      assert.ok(delivery);
      return { hookId: id, deliveryId: delivery.id };
    }

    it('lists a subscription\'s deliveries with each one\'s attempts, response code and error, without the payload', async () => {
      const { hookId, deliveryId } = await failedDelivery();
      const res = await request(relay.app).get(`/v1/hooks/${hookId}/deliveries`).set(as(relay.apiKey));
      assert.equal(res.status, 200);
      const [delivery] = res.body.data as Array<Record<string, unknown>>;
      assert.deepEqual(
        { id: delivery?.id, status: delivery?.status, attempts: delivery?.attempts, response_status: delivery?.response_status },
        { id: deliveryId, status: 'failed', attempts: 1, response_status: 500 },
      );
      assert.match(String(delivery?.error), /HTTP 500/);
      assert.equal('payload' in (delivery ?? {}), false);
    });

    it('filters deliveries by status', async () => {
      const { hookId } = await failedDelivery();
      const res = await request(relay.app).get(`/v1/hooks/${hookId}/deliveries?status=succeeded`).set(as(relay.apiKey));
      assert.deepEqual(res.body.data, []);
    });

    it('replays a delivery with 202: due now, attempts counted afresh', async () => {
      const { deliveryId } = await failedDelivery();
      const res = await request(relay.app).post(`/v1/hooks/deliveries/${deliveryId}/replay`).set(as(relay.apiKey));
      assert.equal(res.status, 202);
      assert.deepEqual(res.body, { id: deliveryId, status: 'pending' });
      const delivery = await relay.stores.deliveries.get('acme', deliveryId);
      assert.deepEqual({ status: delivery?.status, attempt: delivery?.attempt, due: delivery?.next_attempt_at }, { status: 'pending', attempt: 0, due: new Date(relay.clock.now()).toISOString() });
    });

    it('answers 409 to replaying a delivery whose subscription was deleted', async () => {
      const { hookId, deliveryId } = await failedDelivery();
      await request(relay.app).delete(`/v1/hooks/${hookId}`).set(as(relay.apiKey));
      const res = await request(relay.app).post(`/v1/hooks/deliveries/${deliveryId}/replay`).set(as(relay.apiKey));
      assert.equal(res.status, 409);
    });

    it('answers 404 to replaying an unknown delivery', async () => {
      const res = await request(relay.app).post('/v1/hooks/deliveries/dlv_nope/replay').set(as(relay.apiKey));
      assert.equal(res.status, 404);
    });
  });

  describe('workspace isolation', () => {
    it('does not list another workspace\'s subscriptions', async () => {
      await relay.subscribe('lead.created', target);
      const res = await request(relay.app).get('/v1/hooks').set(as(other.apiKey));
      assert.deepEqual(res.body.data, []);
    });

    it('cannot delete another workspace\'s subscription', async () => {
      const { id } = await relay.subscribe('lead.created', target);
      const res = await request(relay.app).delete(`/v1/hooks/${id}`).set(as(other.apiKey));
      assert.equal(res.status, 404);
      assert.equal((await relay.stores.config.listSubscriptions('acme')).length, 1);
    });

    it('cannot see or replay another workspace\'s deliveries', async () => {
      const { id } = await relay.subscribe('lead.created', target);
      await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
      const [delivery] = (await relay.stores.deliveries.list('acme', {}, { limit: 1 })).items;
      const list = await request(relay.app).get(`/v1/hooks/${id}/deliveries`).set(as(other.apiKey));
      const replay = await request(relay.app).post(`/v1/hooks/deliveries/${delivery?.id ?? ''}/replay`).set(as(other.apiKey));
      assert.deepEqual([list.status, replay.status], [404, 404]);
    });

    it('emits a workspace\'s events only to its own subscriptions', async () => {
      await relay.subscribe('lead.created', target, other.apiKey);
      assert.equal(await relay.hooks.emitHookEvent('acme', 'lead.created', lead), 0);
    });
  });
});
