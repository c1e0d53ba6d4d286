import assert from 'node:assert/strict';
import request from 'supertest';
import { StandardWebhook } from '@synaptiq/shared/webhooks/standard-webhook';
import { startRelay } from '../../../relay/src/server';
import type { RunningRelay } from '../../../relay/src/server';
import { rawEvent } from '../../fixtures/events/load-event';
import { removeTestDataDirs, silentPino, testEnv } from '../support/relay-env';
import { parseScrape, valueOf } from './scrape';

const token = 'metrics-token-for-tests';

describe('metrics of a started relay (server.ts wiring)', () => {
  let relay: RunningRelay;
  before(async () => {
    relay = await startRelay(testEnv({ METRICS_TOKEN: token }), { logger: silentPino() });
  });
  after(async () => {
    await relay.close();
    removeTestDataDirs();
  });

  it('counts a webhook, the CRM calls through the sandbox HubSpot and the sync batch that pushed it', async () => {
    const body = JSON.stringify(rawEvent('lead.created'));
    const secret = relay.defaultWorkspace.generated.webhookSecret ?? '';
    const headers = { ...new StandardWebhook(secret).headers('evt_01_created', body), 'content-type': 'application/json' };
    await request(relay.url).post('/v1/workspaces/default/webhooks/synaptiq').set(headers).send(body).expect(202);
    // The worker runs the event within its coalescing window; wait for the outcome, not for a time.
    for (let tries = 0; (await relay.stores.events.countByStatus('default')).synced < 1 && tries < 100; tries += 1) await new Promise((done) => setTimeout(done, 50));

    await request(relay.url).get('/metrics').expect(401);
    const samples = parseScrape((await request(relay.url).get('/metrics').set('authorization', `Bearer ${token}`).expect(200)).text);
    assert.equal(valueOf(samples, 'relay_webhook_events_accepted_total', { workspace: 'default', status: 'accepted' }), 1);
    assert.equal(valueOf(samples, 'relay_queue_events', { workspace: 'default', status: 'synced' }), 1);
    assert.ok((valueOf(samples, 'relay_crm_calls_total', { provider: 'hubspot', operation: 'upsertRecords' }) ?? 0) >= 1);
    assert.equal(valueOf(samples, 'relay_sync_batch_duration_seconds_count', { outcome: 'ok' }), 1);
    assert.ok(valueOf(samples, 'nodejs_heap_size_total_bytes') !== undefined);
  });
});
