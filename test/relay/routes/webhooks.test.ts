import assert from 'node:assert/strict';
import request from 'supertest';
import type { Stores } from '@synaptiq/shared';
import { loadEvent, rawEvent } from '../../fixtures/events/load-event';
import { generateWebhookSecret } from '../../../relay/src/crypto';
import { newWorkspace } from '../../../relay/src/services/new-workspace';
import { createMemoryStores, openSqliteStores } from '../../../relay/src/stores';
import { createTestRelay, signedHeaders } from '../support/test-relay';
import type { TestRelay } from '../support/test-relay';

const path = (workspaceId = 'acme') => `/v1/workspaces/${workspaceId}/webhooks/synaptiq`;

describe('POST /v1/workspaces/:id/webhooks/synaptiq', () => {
  let relay: TestRelay;
  let secret: string;
  const event = rawEvent('lead.created');
  const body = JSON.stringify(event);

  beforeEach(async () => {
    relay = createTestRelay({ bodyLimitBytes: 64 * 1024 });
    ({ webhookSecret: secret } = await relay.addWorkspace());
  });

  const send = (payload: string, headers: Record<string, string>, workspaceId = 'acme') =>
    request(relay.app).post(path(workspaceId)).set(headers).send(payload);

  it('accepts a signed event with 202, stores it pending and kicks the worker', async () => {
    const res = await send(body, signedHeaders(secret, 'evt_01_created', body, relay.clock));
    assert.equal(res.status, 202);
    assert.deepEqual(res.body, { id: 'evt_01_created', status: 'accepted' });
    const stored = await relay.stores.events.get('acme', 'evt_01_created');
    assert.equal(stored?.status, 'pending');
    assert.deepEqual(relay.worker.kicks, ['acme']);
  });

  it('keeps the lead snapshot the event carried', async () => {
    await send(body, signedHeaders(secret, 'evt_01_created', body, relay.clock));
    const lead = await relay.stores.leads.get('acme', 'lead_01HZX3');
    assert.equal(lead?.lead.email, 'ada@analytical.example');
  });

  it('acknowledges a repeated webhook-id as a duplicate and stores and kicks it once', async () => {
    const headers = signedHeaders(secret, 'evt_01_created', body, relay.clock);
    await send(body, headers);
    const again = await send(body, headers);
    assert.equal(again.status, 202);
    assert.equal(again.body.status, 'duplicate');
    const page = await relay.stores.events.list('acme', {}, { limit: 10 });
    assert.equal(page.items.length, 1);
    assert.deepEqual(relay.worker.kicks, ['acme']);
  });

  it('verifies with either secret during a rotation', async () => {
    const next = generateWebhookSecret();
    const workspace = await relay.stores.config.getWorkspace('acme');
    assert.ok(workspace);
    await relay.stores.config.saveWorkspace({ ...workspace, webhook_secrets: [relay.secrets.encrypt(next), workspace.webhook_secrets[0] as string] });
    const second = JSON.stringify({ ...event, id: 'evt_rotated' });
    assert.equal((await send(body, signedHeaders(secret, 'evt_01_created', body, relay.clock))).status, 202);
    assert.equal((await send(second, signedHeaders(next, 'evt_rotated', second, relay.clock))).status, 202);
  });

  const rejections: Array<{ name: string; status: number; code: string; build: (r: TestRelay, s: string) => { payload: string; headers: Record<string, string> } }> = [
    {
      name: 'no signature headers',
      status: 401,
      code: 'signature.missing',
      build: () => ({ payload: body, headers: { 'content-type': 'application/json' } }),
    },
    {
      name: 'a signature made with another secret',
      status: 401,
      code: 'signature.invalid',
      build: (r) => ({ payload: body, headers: signedHeaders(generateWebhookSecret(), 'evt_01_created', body, r.clock) }),
    },
    {
      name: 'a body changed after signing',
      status: 401,
      code: 'signature.invalid',
      build: (r, s) => ({ payload: body.replace('Ada', 'Eve'), headers: signedHeaders(s, 'evt_01_created', body, r.clock) }),
    },
    {
      name: 'a timestamp older than 5 minutes',
      status: 401,
      code: 'signature.timestamp_out_of_range',
      build: (r, s) => ({ payload: body, headers: signedHeaders(s, 'evt_01_created', body, { now: () => r.clock.now() - 5 * 60_000 - 1_000 }) }),
    },
    {
      name: 'a timestamp more than 5 minutes ahead',
      status: 401,
      code: 'signature.timestamp_out_of_range',
      build: (r, s) => ({ payload: body, headers: signedHeaders(s, 'evt_01_created', body, { now: () => r.clock.now() + 5 * 60_000 + 1_000 }) }),
    },
    {
      name: 'a body that is not JSON',
      status: 400,
      code: 'request.malformed_json',
      build: (r, s) => ({ payload: '{"id": "evt_1",', headers: signedHeaders(s, 'evt_1', '{"id": "evt_1",', r.clock) }),
    },
    {
      name: 'a body that is not declared as JSON',
      status: 415,
      code: 'request.unsupported_media_type',
      build: (r, s) => ({ payload: body, headers: { ...signedHeaders(s, 'evt_01_created', body, r.clock), 'content-type': 'text/plain' } }),
    },
    {
      name: 'a webhook-id different from the event id',
      status: 422,
      code: 'request.invalid',
      build: (r, s) => ({ payload: body, headers: signedHeaders(s, 'evt_other', body, r.clock) }),
    },
  ];

  for (const { name, status, code, build } of rejections) {
    it(`rejects ${name} with ${status} ${code} and stores nothing`, async () => {
      const { payload, headers } = build(relay, secret);
      const res = await send(payload, headers);
      assert.equal(res.status, status);
      assert.equal(res.body.error.code, code);
      assert.ok(res.body.error.message.length > 10);
      assert.equal((await relay.stores.events.list('acme', {}, { limit: 10 })).items.length, 0);
      assert.deepEqual(relay.worker.kicks, []);
    });
  }

  it('answers another method on the webhook URL with a 404 that says to POST', async () => {
    const res = await request(relay.app).get(path());
    assert.equal(res.status, 404);
    assert.match(res.body.error.message, /POST/);
  });

  it('rejects an unknown workspace with 404', async () => {
    const res = await send(body, signedHeaders(secret, 'evt_01_created', body, relay.clock), 'nobody');
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'not_found');
  });

  it('rejects a body over the size limit with 413 before reading it all', async () => {
    const big = JSON.stringify({ ...event, padding: 'x'.repeat(70 * 1024) });
    const res = await send(big, signedHeaders(secret, 'evt_01_created', big, relay.clock));
    assert.equal(res.status, 413);
    assert.equal(res.body.error.code, 'request.too_large');
  });

  it('answers 422 naming the path of every bad field', async () => {
    const bad = JSON.stringify({
      ...event,
      created_at: 'yesterday',
      data: { lead: { id: 'lead_1', score: 140, company: { size: -3 } } },
    });
    const res = await send(bad, signedHeaders(secret, 'evt_01_created', bad, relay.clock));
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, 'request.invalid');
    const paths = (res.body.error.details.errors as Array<{ path: string }>).map((e) => e.path).sort();
    assert.deepEqual(paths, ['created_at', 'data.lead.company.size', 'data.lead.name', 'data.lead.score']);
  });

  it('names the type field when the event type is unknown', async () => {
    const bad = JSON.stringify({ ...event, type: 'lead.exploded' });
    const res = await send(bad, signedHeaders(secret, 'evt_01_created', bad, relay.clock));
    assert.equal(res.status, 422);
    assert.ok((res.body.error.details.errors as Array<{ path: string }>).some((e) => e.path === 'type'));
  });
});

describe('POST /v1/workspaces/:id/webhooks/synaptiq on SQLite stores (one group commit for concurrent events)', () => {
  it('accepts concurrent events, each stored with its lead snapshot, and a repeat among them once', async () => {
    const stores: Stores = { ...createMemoryStores(), ...openSqliteStores(':memory:'), close: async () => {} };
    const relay = createTestRelay({ stores });
    const created = newWorkspace({ id: 'acme', name: 'Acme', at: new Date(relay.clock.now()).toISOString() }, relay.secrets);
    await stores.config.saveWorkspace(created.workspace);
    const send = (eventId: string, leadId: string) => {
      const body = JSON.stringify({ ...loadEvent('lead.created', { id: leadId }), id: eventId });
      return request(relay.app).post(path()).set(signedHeaders(created.webhookSecret, eventId, body, relay.clock)).send(body);
    };

    const answers = await Promise.all([...Array.from({ length: 20 }, (_, i) => send(`evt_${i}`, `lead_${i}`)), send('evt_0', 'lead_0')]);

    assert.ok(answers.every((answer) => answer.status === 202));
    assert.equal(answers.filter((answer) => answer.body.status === 'accepted').length, 20);
    assert.equal((await stores.events.countByStatus('acme')).pending, 20);
    assert.equal((await stores.leads.get('acme', 'lead_19'))?.lead.id, 'lead_19');
    assert.equal(relay.worker.kicks.length, 20);
  });
});
