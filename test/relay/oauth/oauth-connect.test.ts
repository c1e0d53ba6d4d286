import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { crmConnectionSchema } from '@synaptiq/shared';
import type { CrmConnection, CrmProvider } from '@synaptiq/shared';
import { startSandbox } from '../../../sandbox-crm/src/index';
import type { RunningSandbox } from '../../../sandbox-crm/src/index';
import { createCrmFactory } from '../../../relay/src/crm/crm-factory';
import { realAdapterBuilders } from '../../../relay/src/services/crm-adapters';
import { deriveStateKey, oauthAppsFromEnv } from '../../../relay/src/services/oauth';
import { bearer, createTestRelay, silentLogger } from '../support/test-relay';
import type { TestRelay } from '../support/test-relay';

const redirectBase = 'http://relay.test';
const providers = ['hubspot', 'salesforce'] as const satisfies readonly CrmProvider[];
const label = { hubspot: 'HubSpot', salesforce: 'Salesforce' } as const;

describe('OAuth connect against the sandbox CRM', () => {
  let sandbox: RunningSandbox;
  let relay: TestRelay;
  let apiKey: string;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(async () => {
    relay = createTestRelay({
      oauth: { stateKey: deriveStateKey(randomBytes(32)), redirectBaseUrl: redirectBase, apps: oauthAppsFromEnv({ SALESFORCE_LOGIN_URL: 'https://login.salesforce.com' }, sandbox.url) },
    });
    ({ apiKey } = await relay.addWorkspace());
  });

  /** The link the admin API hands out for a provider. */
  async function connectLink(provider: CrmProvider): Promise<URL> {
    const answer = await request(relay.app).post(`/v1/crm/connect/${provider}`).set('authorization', bearer(apiKey)).expect(200);
    return new URL((answer.body as { authorize_url: string }).authorize_url);
  }

  /** What the user's browser does: opens the link; the sandbox approves at once and redirects back to the relay. */
  async function approve(link: URL): Promise<string> {
    const answer = await fetch(link, { redirect: 'manual' });
    assert.equal(answer.status, 302);
    const back = new URL(answer.headers.get('location') ?? '');
    assert.equal(back.origin, redirectBase);
    return `${back.pathname}${back.search}`;
  }

  const callback = (path: string) => request(relay.app).get(path);

  async function storedConnection(): Promise<CrmConnection | null> {
    const workspace = await relay.stores.config.getWorkspace('acme');
    return workspace?.crm_connection ? crmConnectionSchema.parse(JSON.parse(relay.secrets.decrypt(workspace.crm_connection))) : null;
  }

  /** The stored connection, tried through the real adapters (no sandbox fallback: only the stored tokens). */
  async function verifyStored(): Promise<string> {
    const factory = createCrmFactory({
      config: relay.stores.config,
      secrets: { seal: (plain) => relay.secrets.encrypt(plain), open: (sealed) => relay.secrets.decrypt(sealed) },
      build: realAdapterBuilders({ clock: relay.clock, logger: silentLogger, oauth: {}, sandboxUrl: null }),
      sandbox: null,
      logger: silentLogger,
    });
    const workspace = await relay.stores.config.getWorkspace('acme');
    assert.ok(workspace);
    return (await (await factory.crmFor(workspace)).verifyConnection()).provider;
  }

  for (const provider of providers) {
    describe(`${label[provider]}`, () => {
      it('sends the user to the authorize page with the client id, the callback and a signed state', async () => {
        const link = await connectLink(provider);
        const path = provider === 'hubspot' ? '/oauth/authorize' : '/services/oauth2/authorize';
        assert.equal(`${link.origin}${link.pathname}`, `${sandbox.url}${path}`);
        assert.equal(link.searchParams.get('redirect_uri'), `${redirectBase}/v1/crm/callback/${provider}`);
        assert.match(link.searchParams.get('state') ?? '', /^[\w-]+\.[\w-]{43}$/);
        assert.ok(link.searchParams.get('client_id'));
      });

      it('redirects a GET with the API key to the same authorize page', async () => {
        const answer = await request(relay.app).get(`/v1/crm/connect/${provider}`).set('authorization', bearer(apiKey)).expect(302);
        assert.ok(String(answer.headers.location).startsWith(sandbox.url));
      });

      it('completes the round trip: tokens stored encrypted as the workspace\'s OAuth connection, which works', async () => {
        const page = await callback(await approve(await connectLink(provider)));
        assert.equal(page.status, 200);
        assert.match(page.text, new RegExp(`${label[provider]} connected`));
        const connection = await storedConnection();
        assert.deepEqual([connection?.provider, connection?.auth], [provider, 'oauth']);
        assert.equal((await relay.stores.config.getWorkspace('acme'))?.settings.crm, provider);
        assert.equal(await verifyStored(), provider);
      });

      it('never shows the tokens: not in the stored configuration, not in any API answer', async () => {
        await callback(await approve(await connectLink(provider)));
        const connection = await storedConnection();
        assert.ok(connection?.auth === 'oauth');
        const raw = JSON.stringify(await relay.stores.config.getWorkspace('acme'));
        const answers = await Promise.all(['/v1/me', '/v1/settings'].map((path) => request(relay.app).get(path).set('authorization', bearer(apiKey))));
        for (const text of [raw, ...answers.map((answer) => answer.text)]) {
          assert.ok(!text.includes(connection.access_token) && !text.includes(connection.refresh_token));
        }
      });
    });
  }

  it('refuses a state whose payload was altered (another workspace) and stores nothing', async () => {
    const path = await approve(await connectLink('hubspot'));
    const url = new URL(path, redirectBase);
    const [payload, signature] = (url.searchParams.get('state') ?? '').split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), w: 'victim' })).toString('base64url');
    url.searchParams.set('state', `${forged}.${signature}`);
    const page = await callback(`${url.pathname}${url.search}`);
    assert.equal(page.status, 400);
    assert.match(page.text, /not carry a valid connect link/);
    assert.equal(await storedConnection(), null);
  });

  it('refuses a state after its 10 minutes', async () => {
    const path = await approve(await connectLink('hubspot'));
    relay.clock.advance(10 * 60_000 + 1);
    const page = await callback(path);
    assert.deepEqual([page.status, /expired/.test(page.text)], [400, true]);
    assert.equal(await storedConnection(), null);
  });

  it('refuses a HubSpot state at the Salesforce callback', async () => {
    const path = (await approve(await connectLink('hubspot'))).replace('/callback/hubspot', '/callback/salesforce');
    assert.equal((await callback(path)).status, 400);
  });

  it('accepts a state once: replaying the callback is refused', async () => {
    const path = await approve(await connectLink('hubspot'));
    const query = new URL(path, redirectBase).searchParams;
    await callback(path).expect(200);
    const replay = await callback(`/v1/crm/callback/hubspot?code=another&state=${encodeURIComponent(query.get('state') ?? '')}`);
    assert.deepEqual([replay.status, /already used/.test(replay.text)], [400, true]);
  });

  it('explains denied access (?error=access_denied) and changes nothing', async () => {
    const state = (await connectLink('salesforce')).searchParams.get('state') ?? '';
    const page = await callback(`/v1/crm/callback/salesforce?error=access_denied&state=${encodeURIComponent(state)}`);
    assert.deepEqual([page.status, /denied/.test(page.text)], [403, true]);
    assert.equal(await storedConnection(), null);
  });

  it('explains a code the provider refuses, and stores nothing', async () => {
    const state = (await connectLink('hubspot')).searchParams.get('state') ?? '';
    const page = await callback(`/v1/crm/callback/hubspot?code=na1-not-a-code&state=${encodeURIComponent(state)}`);
    assert.equal(page.status, 502);
    assert.match(page.text, /HubSpot refused the authorization \(BAD_AUTH_CODE/);
    assert.equal(await storedConnection(), null);
  });

  it('reconnecting replaces the tokens and resumes a workspace paused for revoked access', async () => {
    await callback(await approve(await connectLink('hubspot')));
    const first = await storedConnection();
    const workspace = await relay.stores.config.getWorkspace('acme');
    assert.ok(workspace);
    await relay.stores.config.saveWorkspace({ ...workspace, status: { ...workspace.status, paused: true, reason: { code: 'crm.auth_revoked', message: 'Reconnect', details: {} } } });
    const page = await callback(await approve(await connectLink('hubspot')));
    assert.match(page.text, /reconnected/);
    assert.notEqual((await storedConnection())?.access_token, first?.access_token);
    assert.equal((await relay.stores.config.getWorkspace('acme'))?.status.paused, false);
    assert.deepEqual(relay.worker.resumes, ['acme']);
  });

  for (const provider of providers) {
    it(`disconnecting ${label[provider]} revokes the refresh token at the provider and clears the connection`, async () => {
      await callback(await approve(await connectLink(provider)));
      const connection = await storedConnection();
      assert.ok(connection?.auth === 'oauth');
      const answer = await request(relay.app).delete('/v1/crm/connection').set('authorization', bearer(apiKey)).expect(200);
      assert.deepEqual(answer.body, { disconnected: true, revoked: true });
      assert.equal(await storedConnection(), null);
      const refreshAgain = await fetch(provider === 'hubspot' ? `${sandbox.url}/oauth/v1/token` : `${sandbox.url}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'synaptiq-relay', client_secret: 'sandbox', refresh_token: connection.refresh_token }),
      });
      assert.equal(refreshAgain.status, 400);
    });
  }

  it('needs the API key to hand out a connect link', async () => {
    await request(relay.app).post('/v1/crm/connect/hubspot').expect(401);
    await request(relay.app).get('/v1/crm/connect/hubspot').expect(401);
  });

  it('answers an unknown provider with 422', async () => {
    await request(relay.app).post('/v1/crm/connect/pipedrive').set('authorization', bearer(apiKey)).expect(422);
  });

  it('disconnects a pasted private-app token too (nothing to revoke), even without OAuth set up', async () => {
    const bare = createTestRelay();
    const { apiKey: key, workspace } = await bare.addWorkspace();
    const sealed = bare.secrets.encrypt(JSON.stringify({ provider: 'hubspot', auth: 'private_app', access_token: 'pat-na1-secret' }));
    await bare.stores.config.saveWorkspace({ ...workspace, crm_connection: sealed });
    const answer = await request(bare.app).delete('/v1/crm/connection').set('authorization', bearer(key)).expect(200);
    assert.deepEqual(answer.body, { disconnected: true, revoked: false });
    assert.equal((await bare.stores.config.getWorkspace('acme'))?.crm_connection, null);
  });

  it('answers crm.not_configured when the relay has no OAuth set up', async () => {
    const bare = createTestRelay();
    const { apiKey: key } = await bare.addWorkspace();
    const answer = await request(bare.app).post('/v1/crm/connect/hubspot').set('authorization', bearer(key)).expect(409);
    assert.equal((answer.body as { error: { code: string } }).error.code, 'crm.not_configured');
  });
});
