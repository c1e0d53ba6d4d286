import assert from 'node:assert/strict';
import request from 'supertest';
import type { SynaptiqEvent } from '@synaptiq/shared';
import { rawEvent } from '../../fixtures/events/load-event';
import { startRelay } from '../../../relay/src/server';
import { openStores } from '../../../relay/src/stores';
import { removeTestDataDirs, silentPino, testEnv } from '../support/relay-env';

const apiKey = 'sk_claims_test_0123456789abcdefghij';
const auth = `Bearer ${apiKey}`;

describe('relay start-up on the embedded stores', () => {
  after(removeTestDataDirs);

  it('syncs at once the events a relay killed mid-batch had claimed, instead of after their lease', async () => {
    const env = testEnv({ RELAY_API_KEY: apiKey });
    await (await startRelay(env, { logger: silentPino() })).close();
    // What a kill -9 leaves behind: the event claimed under a lease that runs another hour.
    const event = rawEvent('lead.created') as SynaptiqEvent & { data: { lead: { company?: Record<string, unknown> } } };
    delete event.data.lead.company?.industry;
    const dead = await openStores({ dataDir: env.DATA_DIR });
    const now = Date.now();
    await dead.events.append('default', event, new Date(now).toISOString());
    const [claimed] = await dead.events.claim({ workspaceIds: ['default'], now: new Date(now).toISOString(), limit: 1, leaseUntil: new Date(now + 3_600_000).toISOString() });
    assert.equal(claimed?.status, 'processing');
    await dead.close();

    const relay = await startRelay(env, { logger: silentPino() });
    try {
      const sync = await request(relay.url).post('/v1/sync').set('authorization', auth);
      assert.equal(sync.status, 200);
      const stored = await relay.stores.events.get('default', event.id);
      assert.deepEqual([stored?.status, stored?.attempts], ['synced', 2]);
      assert.equal(relay.sandbox?.inspect().records.hubspot.contacts, 1);
    } finally {
      await relay.close();
    }
  });
});
