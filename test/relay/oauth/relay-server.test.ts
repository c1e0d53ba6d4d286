import assert from 'node:assert/strict';
import request from 'supertest';
import { startRelay } from '../../../relay/src/server';
import type { RunningRelay } from '../../../relay/src/server';
import { removeTestDataDirs, silentPino, testEnv } from '../support/relay-env';

describe('OAuth connect in a started relay (sandbox on, no client ids)', () => {
  let relay: RunningRelay;
  afterEach(async () => {
    await relay.close();
  });
  after(removeTestDataDirs);

  it('connects the default workspace to Salesforce through the in-process sandbox\'s OAuth endpoints', async () => {
    relay = await startRelay(testEnv({ OAUTH_REDIRECT_BASE_URL: 'http://relay.test' }), { logger: silentPino() });
    const auth = `Bearer ${relay.defaultWorkspace.generated.apiKey ?? ''}`;
    const { body } = await request(relay.url).post('/v1/crm/connect/salesforce').set('authorization', auth).expect(200);
    const link = new URL((body as { authorize_url: string }).authorize_url);
    assert.equal(link.origin, relay.sandbox?.url);
    const approved = await fetch(link, { redirect: 'manual' });
    const back = new URL(approved.headers.get('location') ?? '');
    await request(relay.url).get(`${back.pathname}${back.search}`).expect(200);
    const me = await request(relay.url).get('/v1/me').set('authorization', auth).expect(200);
    assert.deepEqual([me.body.crm.provider, me.body.crm.sandbox], ['salesforce', false]);
  });
});
