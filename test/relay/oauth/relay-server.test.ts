import assert from 'node:assert/strict';
import request from 'supertest';
import { startRelay } from '../../../relay/src/server';
import type { RunningRelay } from '../../../relay/src/server';
import { removeTestDataDirs, silentPino, testEnv } from '../support/relay-env';
import { fixedClock } from '../support/test-relay';

describe('OAuth connect in a started relay (sandbox on, no client ids)', () => {
  let relay: RunningRelay;
  let clock: ReturnType<typeof fixedClock>;
  beforeEach(() => {
    clock = fixedClock();
  });
  afterEach(async () => {
    await relay.close();
  });
  after(removeTestDataDirs);

  /** Connects the default workspace through the sandbox's consent page; answers the API key header. */
  async function connect(provider: 'hubspot' | 'salesforce'): Promise<string> {
    relay = await startRelay(testEnv({ OAUTH_REDIRECT_BASE_URL: 'http://relay.test' }), { logger: silentPino(), clock });
    const auth = `Bearer ${relay.defaultWorkspace.generated.apiKey ?? ''}`;
    const { body } = await request(relay.url).post(`/v1/crm/connect/${provider}`).set('authorization', auth).expect(200);
    const approved = await fetch((body as { authorize_url: string }).authorize_url, { redirect: 'manual' });
    const back = new URL(approved.headers.get('location') ?? '');
    await request(relay.url).get(`${back.pathname}${back.search}`).expect(200);
    return auth;
  }

  for (const provider of ['hubspot', 'salesforce'] as const) {
    it(`keeps a ${provider} connection made this way working after its access token expires (refresh)`, async () => {
      const auth = await connect(provider);
      await request(relay.url).post('/v1/crm/verify').set('authorization', auth).expect(200);
      // Past both access tokens' lifetimes (HubSpot 30 minutes, the sandbox's Salesforce sessions 2 hours), on the clock relay and sandbox share.
      clock.advance(121 * 60_000);
      const verify = await request(relay.url).post('/v1/crm/verify').set('authorization', auth);
      assert.equal(verify.status, 200, verify.text);
      assert.ok((relay.sandbox?.inspect().tokenCalls[provider] ?? 0) >= 2, 'the code exchange and a refresh');
    });
  }

  it('connects the default workspace to Salesforce through the in-process sandbox\'s OAuth endpoints', async () => {
    const auth = await connect('salesforce');
    const me = await request(relay.url).get('/v1/me').set('authorization', auth).expect(200);
    assert.deepEqual([me.body.crm.provider, me.body.crm.sandbox], ['salesforce', false]);
  });
});
