import assert from 'node:assert/strict';
import type { SalesforceTokens } from '../../../../shared/src/adapters/salesforce';
import { api, bearer, buildAdapter, fakeClock, page, useFakeOrg } from './helpers';

const expired = { status: 401, reply: [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }] };
const refreshWith = (refreshToken: string) => ({
  grant_type: 'refresh_token',
  refresh_token: refreshToken,
  client_id: 'client-id',
  client_secret: 'client-secret',
});

describe('Salesforce session refresh', () => {
  const org = useFakeOrg();
  const tokens = (answer: Record<string, unknown>) => ({
    method: 'POST',
    path: '/services/oauth2/token',
    reply: { instance_url: org().url, token_type: 'Bearer', issued_at: '1764147600000', ...answer },
  });

  it('refreshes on a 401, adopts the rotated refresh token, persists both and retries the call', async () => {
    const persisted: SalesforceTokens[] = [];
    org()
      .expect({ method: 'GET', path: `${api}/query`, headers: bearer('access-1'), ...expired })
      .expect({ ...tokens({ access_token: 'access-2', refresh_token: 'refresh-2' }), body: refreshWith('refresh-1') })
      .expect({ method: 'GET', path: `${api}/query`, headers: bearer('access-2'), reply: page([]) })
      .expect({ method: 'GET', path: `${api}/query`, headers: bearer('access-2'), ...expired })
      .expect({ ...tokens({ access_token: 'access-3' }), body: refreshWith('refresh-2') })
      .expect({ method: 'GET', path: `${api}/query`, headers: bearer('access-3'), reply: page([]) });
    const adapter = buildAdapter(org(), { onTokens: (t) => void persisted.push(t) });
    await adapter.listOwners();
    await adapter.listOwners();
    assert.deepEqual(persisted, [
      { accessToken: 'access-2', refreshToken: 'refresh-2', instanceUrl: org().url, expiresAt: null },
      { accessToken: 'access-3', refreshToken: 'refresh-2', instanceUrl: org().url, expiresAt: null },
    ]);
  });

  it('makes one token call when two concurrent calls find the session expired', async () => {
    org()
      .expect({ method: 'GET', path: `${api}/query`, headers: bearer('access-1'), times: 2, ...expired })
      .expect(tokens({ access_token: 'access-2', refresh_token: 'refresh-2' }))
      .expect({ method: 'GET', path: `${api}/query`, headers: bearer('access-2'), times: 2, reply: page([]) });
    const adapter = buildAdapter(org());
    await Promise.all([adapter.listOwners(), adapter.listPipelines()]);
    assert.equal(org().callsTo('POST', '/services/oauth2/token').length, 1);
  });

  it('refreshes before a call when the access token is about to expire, and keeps the new expiry', async () => {
    const clock = fakeClock();
    const persisted: SalesforceTokens[] = [];
    org()
      .expect(tokens({ access_token: 'access-2', expires_in: 7200 }))
      .expect({ method: 'GET', path: `${api}/query`, headers: bearer('access-2'), reply: page([]) });
    const adapter = buildAdapter(org(), {
      clock,
      connection: {
        provider: 'salesforce',
        auth: 'oauth',
        access_token: 'access-1',
        refresh_token: 'refresh-1',
        expires_at: clock.now() + 30_000,
        instance_url: org().url,
        rate_limit_per_10s: 110,
      },
      onTokens: (t) => void persisted.push(t),
    });
    await adapter.listOwners();
    assert.equal(persisted[0]?.expiresAt, clock.now() + 7_200_000);
  });

  it('reports a revoked refresh token (invalid_grant) as revoked access, once, without retrying', async () => {
    org()
      .expect({ method: 'GET', path: `${api}/query`, ...expired })
      .expect({ method: 'POST', path: '/services/oauth2/token', status: 400, reply: { error: 'invalid_grant', error_description: 'expired access/refresh token' } });
    await assert.rejects(buildAdapter(org()).listOwners(), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'crm.auth_revoked');
      assert.match(error.message, /Reconnect at \/admin\/settings > CRM/);
      return true;
    });
    assert.equal(org().callsTo('POST', '/services/oauth2/token').length, 1);
  });

  it('keeps working when persisting the new tokens fails, and logs it without the tokens', async () => {
    const logged: string[] = [];
    org()
      .expect({ method: 'GET', path: `${api}/query`, ...expired })
      .expect(tokens({ access_token: 'access-2', refresh_token: 'refresh-2' }))
      .expect({ method: 'GET', path: `${api}/query`, headers: bearer('access-2'), reply: page([]) });
    const log = (fields: Record<string, unknown>, message: string) => void logged.push(`${message} ${JSON.stringify(fields)}`);
    const adapter = buildAdapter(org(), {
      onTokens: () => Promise.reject(new Error('disk full')),
      logger: { debug: log, info: log, warn: log, error: log },
    });
    assert.deepEqual(await adapter.listOwners(), []);
    assert.ok(logged.some((line) => line.startsWith('salesforce tokens could not be persisted')));
    assert.ok(logged.every((line) => !line.includes('access-2') && !line.includes('refresh-2')));
  });
});
