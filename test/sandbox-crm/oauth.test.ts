import assert from 'node:assert/strict';
import { Connection, OAuth2 } from 'jsforce';
import type { RunningSandbox } from '../../sandbox-crm/src/index';
import { FakeClock, hubspotClient, hubspotError, sandboxFor } from './helpers';

const client = { clientId: 'sandbox-client', clientSecret: 'sandbox-secret' };
const redirectUri = 'http://127.0.0.1:9/callback';

/** Follows the authorize page to its redirect and returns the code it carries. */
async function authorizeCode(url: string): Promise<{ code: string; state: string | null }> {
  const res = await fetch(url, { redirect: 'manual' });
  assert.equal(res.status, 302);
  const location = new URL(res.headers.get('location') ?? '');
  assert.equal(`${location.origin}${location.pathname}`, redirectUri);
  return { code: location.searchParams.get('code') ?? '', state: location.searchParams.get('state') };
}

describe('sandbox CRM: OAuth for HubSpot and Salesforce', () => {
  let sandbox: RunningSandbox;
  const clock = new FakeClock();

  before(async () => {
    // With static tokens configured, only they and tokens the sandbox issued are accepted.
    sandbox = await sandboxFor({ clock, config: { auth: { tokens: ['static-token'], clients: [client] } } });
  });
  after(() => sandbox.close());

  describe('HubSpot', () => {
    const exchange = async () => {
      const { code, state } = await authorizeCode(
        `${sandbox.url}/oauth/authorize?client_id=${client.clientId}&redirect_uri=${encodeURIComponent(redirectUri)}&scope=crm.objects.contacts.write&state=xyz`,
      );
      assert.equal(state, 'xyz');
      return hubspotClient(sandbox).oauth.tokensApi.create('authorization_code', code, redirectUri, client.clientId, client.clientSecret);
    };

    it('exchanges an authorization code for tokens that live 30 minutes', async () => {
      const tokens = await exchange();
      assert.equal(tokens.expiresIn, 1800);
      const contacts = await hubspotClient(sandbox, tokens.accessToken).crm.contacts.basicApi.getPage();
      assert.deepEqual(contacts.results, []);
    });

    it('answers 401 EXPIRED_AUTHENTICATION once the access token expires, and refreshes it', async () => {
      const tokens = await exchange();
      clock.advance(1800_000);
      const err = await hubspotError(hubspotClient(sandbox, tokens.accessToken).crm.contacts.basicApi.getPage());
      assert.equal(err.code, 401);
      assert.equal(err.body.category, 'EXPIRED_AUTHENTICATION');
      const refreshed = await hubspotClient(sandbox).oauth.tokensApi.create('refresh_token', undefined, undefined, client.clientId, client.clientSecret, tokens.refreshToken);
      assert.equal(refreshed.refreshToken, tokens.refreshToken);
      await hubspotClient(sandbox, refreshed.accessToken).crm.contacts.basicApi.getPage();
    });

    it('rotates refresh tokens when configured, rejecting the old one', async () => {
      sandbox.configure({ hubspot: { rotateRefreshTokens: true } });
      const tokens = await exchange();
      const api = hubspotClient(sandbox).oauth.tokensApi;
      const refreshed = await api.create('refresh_token', undefined, undefined, client.clientId, client.clientSecret, tokens.refreshToken);
      assert.notEqual(refreshed.refreshToken, tokens.refreshToken);
      const err = await hubspotError(api.create('refresh_token', undefined, undefined, client.clientId, client.clientSecret, tokens.refreshToken));
      assert.equal(err.code, 400);
      assert.equal(err.body.status, 'BAD_REFRESH_TOKEN');
      sandbox.configure({ hubspot: { rotateRefreshTokens: false } });
    });

    it('refuses a code twice and a wrong client secret', async () => {
      const { code } = await authorizeCode(`${sandbox.url}/oauth/authorize?client_id=${client.clientId}&redirect_uri=${encodeURIComponent(redirectUri)}`);
      const api = hubspotClient(sandbox).oauth.tokensApi;
      const bad = await hubspotError(api.create('authorization_code', code, redirectUri, client.clientId, 'wrong'));
      assert.equal(bad.body.status, 'BAD_CLIENT_ID');
      await api.create('authorization_code', code, redirectUri, client.clientId, client.clientSecret);
      const reused = await hubspotError(api.create('authorization_code', code, redirectUri, client.clientId, client.clientSecret));
      assert.equal(reused.body.status, 'BAD_AUTH_CODE');
    });

    it('revokes a refresh token', async () => {
      const tokens = await exchange();
      const oauth = hubspotClient(sandbox).oauth;
      await oauth.refreshTokensApi.archive(tokens.refreshToken);
      const err = await hubspotError(oauth.tokensApi.create('refresh_token', undefined, undefined, client.clientId, client.clientSecret, tokens.refreshToken));
      assert.equal(err.body.status, 'BAD_REFRESH_TOKEN');
    });

    it('answers 401 with the real body for an unknown token', async () => {
      const err = await hubspotError(hubspotClient(sandbox, 'someone-elses-token').crm.contacts.basicApi.getPage());
      assert.equal(err.code, 401);
      assert.equal(err.body.category, 'INVALID_AUTHENTICATION');
    });
  });

  describe('Salesforce', () => {
    const oauth2 = () => new OAuth2({ loginUrl: sandbox.url, redirectUri, ...client });

    const connect = async () => {
      const { code } = await authorizeCode(oauth2().getAuthorizationUrl({ state: 'abc' }));
      const conn = new Connection({ oauth2: oauth2(), version: '62.0' });
      const userInfo = await conn.authorize(code);
      return { conn, userInfo };
    };

    it('completes the web-server flow and points jsforce at the sandbox instance', async () => {
      const { conn, userInfo } = await connect();
      assert.equal(conn.instanceUrl, sandbox.url);
      assert.match(userInfo.id, /^005/);
      assert.ok(conn.refreshToken);
      const identity = await conn.identity();
      assert.equal(identity.username, 'sarah.chen@acme-sandbox.example');
    });

    it('makes jsforce refresh on INVALID_SESSION_ID after the session expires', async () => {
      const { conn } = await connect();
      const before = sandbox.inspect().tokenCalls.salesforce;
      const refreshed: string[] = [];
      conn.on('refresh', (accessToken: string) => refreshed.push(accessToken));
      clock.advance(7200_000);
      const res = await conn.query('SELECT Id FROM User');
      assert.equal(res.totalSize, 5);
      assert.equal(refreshed.length, 1);
      assert.equal(sandbox.inspect().tokenCalls.salesforce, before + 1);
    });

    it('rotates the refresh token when configured and rejects the old one', async () => {
      sandbox.configure({ salesforce: { rotateRefreshTokens: true } });
      const { conn } = await connect();
      const old = conn.refreshToken ?? '';
      const res = await oauth2().refreshToken(old);
      assert.ok(res.refresh_token);
      assert.notEqual(res.refresh_token, old);
      await assert.rejects(oauth2().refreshToken(old), /expired access\/refresh token/);
      sandbox.configure({ salesforce: { rotateRefreshTokens: false } });
    });

    it('revokes a token', async () => {
      const { conn } = await connect();
      await oauth2().revokeToken(conn.refreshToken ?? '');
      await assert.rejects(oauth2().refreshToken(conn.refreshToken ?? ''), /invalid_grant|expired/);
    });

    it('answers userinfo for the issued token', async () => {
      const { conn } = await connect();
      const res = await fetch(`${sandbox.url}/services/oauth2/userinfo`, { headers: { Authorization: `Bearer ${conn.accessToken ?? ''}` } });
      const body = (await res.json()) as { organization_id: string };
      assert.equal(body.organization_id, '00D5g000004SandAAA');
    });

    it('answers 401 INVALID_SESSION_ID for an unknown token', async () => {
      const res = await fetch(`${sandbox.url}/services/data/v62.0/limits`, { headers: { Authorization: 'Bearer nope' } });
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID', fields: [] }]);
    });
  });
});
