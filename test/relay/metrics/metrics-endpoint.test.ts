import assert from 'node:assert/strict';
import request from 'supertest';
import { MemoryCrmAdapter, SyncError } from '@synaptiq/shared';
import { createRelayMetrics, recordDeliveryAttempt } from '../../../relay/src/metrics';
import type { RelayMetrics } from '../../../relay/src/metrics';
import { syncNow } from '../../../relay/src/services/sync-now';
import { drainDepsFor, workerOptionsSchema } from '../../../relay/src/worker';
import { rawEvent } from '../../fixtures/events/load-event';
import { createTestRelay, signedHeaders, silentLogger } from '../support/test-relay';
import type { TestRelay } from '../support/test-relay';
import { parseScrape, valueOf } from './scrape';

const webhookPath = '/v1/workspaces/acme/webhooks/synaptiq';

async function relayWithMetrics(metricsToken?: string) {
  const metrics = createRelayMetrics({ defaultMetrics: false });
  const relay = createTestRelay({ metrics, metricsToken });
  metrics.watchQueues({ stores: relay.stores, clock: relay.clock });
  const { webhookSecret } = await relay.addWorkspace();
  return { relay, metrics, webhookSecret };
}

const eventBody = (id: string, leadId = 'lead_01HZX3') => {
  const event = rawEvent('lead.created') as { id: string; data: { lead: Record<string, unknown> } };
  return JSON.stringify({ ...event, id, data: { lead: { ...event.data.lead, id: leadId } } });
};

const post = (relay: TestRelay, secret: string, id: string, body = eventBody(id)) =>
  request(relay.app).post(webhookPath).set(signedHeaders(secret, id, body, relay.clock)).send(body);

const scrape = async (relay: TestRelay) => parseScrape((await request(relay.app).get('/metrics').expect(200)).text);

describe('GET /metrics', () => {
  it('counts webhooks received, accepted (and duplicates) per workspace, and rejected by error code', async () => {
    const { relay, webhookSecret } = await relayWithMetrics();
    await post(relay, webhookSecret, 'evt_1').expect(202);
    await post(relay, webhookSecret, 'evt_1').expect(202);
    await post(relay, 'whsec_' + Buffer.alloc(32, 1).toString('base64'), 'evt_2').expect(401);
    await request(relay.app).post('/v1/workspaces/nobody/webhooks/synaptiq').send('{}').expect(404);

    const samples = await scrape(relay);
    assert.equal(valueOf(samples, 'relay_webhook_events_received_total'), 4);
    assert.equal(valueOf(samples, 'relay_webhook_events_accepted_total', { workspace: 'acme', status: 'accepted' }), 1);
    assert.equal(valueOf(samples, 'relay_webhook_events_accepted_total', { workspace: 'acme', status: 'duplicate' }), 1);
    assert.equal(valueOf(samples, 'relay_webhook_events_rejected_total', { reason: 'signature.invalid' }), 1);
    assert.equal(valueOf(samples, 'relay_webhook_events_rejected_total', { reason: 'not_found' }), 1);
  });

  it('reads queue depth by status and the oldest pending event\'s age from the stores at each scrape', async () => {
    const { relay, webhookSecret } = await relayWithMetrics();
    await post(relay, webhookSecret, 'evt_1').expect(202);
    relay.clock.advance(30_000);
    await post(relay, webhookSecret, 'evt_2', eventBody('evt_2', 'lead_2')).expect(202);

    const samples = await scrape(relay);
    assert.equal(valueOf(samples, 'relay_queue_events', { workspace: 'acme', status: 'pending' }), 2);
    assert.equal(valueOf(samples, 'relay_queue_events', { workspace: 'acme', status: 'dead' }), 0);
    assert.equal(valueOf(samples, 'relay_queue_oldest_pending_age_seconds', { workspace: 'acme' }), 30);
  });

  it('counts retries, dead letters, CRM errors by class and 429s, and times sync batches, as the worker settles events', async () => {
    const { relay, metrics, webhookSecret } = await relayWithMetrics();
    const crm = new MemoryCrmAdapter({ clock: relay.clock, rejectWrite: (_type, write) => (write.key.includes('lead_dead') ? { code: 'crm.validation', message: 'bad', details: {} } : undefined) });
    crm.failNextCall('findContactsByEmail', new SyncError('crm.rate_limited', 'slow down'));
    await post(relay, webhookSecret, 'evt_1').expect(202);
    await sync(relay, metrics, crm);
    await post(relay, webhookSecret, 'evt_dead', eventBody('evt_dead', 'lead_dead')).expect(202);
    await sync(relay, metrics, crm);

    const samples = await scrape(relay);
    assert.equal(valueOf(samples, 'relay_event_retries_total', { workspace: 'acme', reason: 'crm.rate_limited' }), 1);
    assert.equal(valueOf(samples, 'relay_event_dead_letters_total', { workspace: 'acme', reason: 'crm.validation' }), 1);
    assert.equal(valueOf(samples, 'relay_crm_errors_total', { provider: 'memory', operation: 'findContactsByEmail', class: 'crm.rate_limited' }), 1);
    assert.equal(valueOf(samples, 'relay_crm_rate_limited_total', { provider: 'memory' }), 1);
    assert.ok((valueOf(samples, 'relay_crm_calls_total', { provider: 'memory', operation: 'upsertRecords' }) ?? 0) >= 1);
    assert.equal(valueOf(samples, 'relay_sync_batch_duration_seconds_count', { outcome: 'error' }), 1);
    // The second Sync Now also runs evt_1, rate-limited the first time (Sync Now does not wait for retry times).
    assert.equal(valueOf(samples, 'relay_sync_batch_duration_seconds_count', { outcome: 'ok' }), 2);
  });

  it('counts outbound hook delivery attempts by outcome through recordDeliveryAttempt', async () => {
    const { relay, metrics } = await relayWithMetrics();
    recordDeliveryAttempt(metrics, 'succeeded');
    recordDeliveryAttempt(metrics, 'failed');
    recordDeliveryAttempt(metrics, 'failed');
    recordDeliveryAttempt(undefined, 'failed');

    const samples = await scrape(relay);
    assert.equal(valueOf(samples, 'relay_hook_delivery_attempts_total', { outcome: 'succeeded' }), 1);
    assert.equal(valueOf(samples, 'relay_hook_delivery_attempts_total', { outcome: 'failed' }), 2);
  });

  it('includes the Node process metrics by default', async () => {
    const text = await createRelayMetrics().scrape();
    assert.ok(valueOf(parseScrape(text), 'process_cpu_user_seconds_total') !== undefined);
    assert.ok(parseScrape(text).some((sample) => sample.name.startsWith('nodejs_heap_size_total_bytes')));
  });

  it('keeps each relay\'s counts to itself (no shared global registry)', async () => {
    const first = createRelayMetrics({ defaultMetrics: false });
    const second = createRelayMetrics({ defaultMetrics: false });
    first.webhookReceived();
    assert.equal(valueOf(parseScrape(await first.scrape()), 'relay_webhook_events_received_total'), 1);
    assert.equal(valueOf(parseScrape(await second.scrape()), 'relay_webhook_events_received_total'), 0);
  });

  it('answers in the Prometheus text format', async () => {
    const { relay } = await relayWithMetrics();
    const response = await request(relay.app).get('/metrics').expect(200);
    assert.match(response.headers['content-type'] ?? '', /^text\/plain; version=0\.0\.4/);
    assert.match(response.text, /# TYPE relay_webhook_events_received_total counter/);
  });

  it('wants METRICS_TOKEN as a bearer token when it is set', async () => {
    const { relay } = await relayWithMetrics('metrics-token-0123456789');
    const missing = await request(relay.app).get('/metrics').expect(401);
    assert.equal(missing.body.error.code, 'auth.missing');
    const wrong = await request(relay.app).get('/metrics').set('authorization', 'Bearer not-the-token-at-all').expect(401);
    assert.equal(wrong.body.error.code, 'auth.invalid');
    await request(relay.app).get('/metrics').set('authorization', 'Bearer metrics-token-0123456789').expect(200);
  });

  it('is not served when the app has no metrics', async () => {
    const response = await request(createTestRelay().app).get('/metrics');
    assert.notEqual(response.status, 200);
  });
});

/** Sync Now through the worker's drain, with the metrics the server wires (instrumented CRM, timed batches, settled counts). */
async function sync(relay: TestRelay, metrics: RelayMetrics, crm: MemoryCrmAdapter) {
  const { instrumentCrmFor } = await import('../../../relay/src/metrics');
  const crmFor = instrumentCrmFor(async () => crm, metrics);
  const deps = drainDepsFor({ stores: relay.stores, crmFor, clock: relay.clock, logger: silentLogger, metrics }, workerOptionsSchema.parse({}));
  return syncNow(deps, 'acme', { shouldStop: () => false, onClaimed: () => undefined });
}
