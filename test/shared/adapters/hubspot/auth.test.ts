import assert from 'node:assert/strict';
import { crmConnectionSchema } from '../../../../shared/src/schemas/settings';
import { createHubspotAdapter, HubspotPortalRegistry } from '../../../../shared/src/adapters/hubspot/create-hubspot-adapter';
import type { HubspotTokens } from '../../../../shared/src/adapters/hubspot/hubspot-auth';
import { fakeTime } from '../shared/fake-time';
import { batchAnswer, hubspot, hubspotApi, portal, privateToken, record, testAdapter, useNock } from './helpers';
import nock from 'nock';

const start = Date.parse('2026-11-26T09:00:00.000Z');
const oauth = { clientId: 'app-id', clientSecret: 'app-secret' };
const refreshForm = 'grant_type=refresh_token&client_id=app-id&client_secret=app-secret&refresh_token=refresh-1';

function oauthAdapter(expiresAt: number | null, options: { registry?: HubspotPortalRegistry; onTokens?: (tokens: HubspotTokens) => void } = {}) {
  const time = fakeTime(start);
  const tokens: HubspotTokens[] = [];
  const adapter = createHubspotAdapter({
    connection: crmConnectionSchema.parse({ provider: 'hubspot', auth: 'oauth', access_token: 'old-access', refresh_token: 'refresh-1', expires_at: expiresAt }),
    oauth,
    portal,
    clock: time.clock,
    registry: options.registry ?? new HubspotPortalRegistry(),
    retry: { sleep: time.sleep, random: () => 0.5 },
    onTokens: options.onTokens ?? ((t) => void tokens.push(t)),
  });
  return { adapter, time, tokens };
}

const tokenEndpoint = () =>
  nock(hubspotApi, { reqheaders: { 'content-type': 'application/x-www-form-urlencoded' } }).post('/oauth/v1/token', refreshForm);

const readContacts = (token: string, times = 1) =>
  hubspot(token).post('/crm/v3/objects/contacts/batch/read').times(times).reply(200, batchAnswer([record('1', { email: 'a@x.com' })]));

describe('HubSpot authentication', () => {
  useNock();

  it('sends a private-app token as a bearer token', async () => {
    const { adapter } = testAdapter();
    readContacts(privateToken);
    assert.equal((await adapter.findContactsByEmail(['a@x.com'])).length, 1);
  });

  it('uses an OAuth access token as long as it is not about to expire', async () => {
    const { adapter, tokens } = oauthAdapter(start + 20 * 60_000);
    readContacts('old-access');
    await adapter.findContactsByEmail(['a@x.com']);
    assert.deepEqual(tokens, []);
  });

  it('refreshes ahead of expiry (form-encoded POST /oauth/v1/token) and hands the new tokens to the callback', async () => {
    const { adapter, tokens } = oauthAdapter(start + 2 * 60_000);
    tokenEndpoint().reply(200, { access_token: 'new-access', refresh_token: 'refresh-1', expires_in: 1800, token_type: 'bearer' });
    readContacts('new-access');

    await adapter.findContactsByEmail(['a@x.com']);

    assert.deepEqual(tokens, [{ accessToken: 'new-access', refreshToken: 'refresh-1', expiresAt: start + 1_800_000 }]);
  });

  it('refreshes first when the expiry is unknown', async () => {
    const { adapter, tokens } = oauthAdapter(null);
    tokenEndpoint().reply(200, { access_token: 'new-access', refresh_token: 'refresh-1', expires_in: 1800, token_type: 'bearer' });
    readContacts('new-access');

    await adapter.findContactsByEmail(['a@x.com']);

    assert.equal(tokens.length, 1);
  });

  it('sends one token request for two concurrent calls', async () => {
    const { adapter, tokens } = oauthAdapter(start);
    tokenEndpoint().once().reply(200, { access_token: 'new-access', refresh_token: 'refresh-1', expires_in: 1800, token_type: 'bearer' });
    readContacts('new-access', 2);

    await Promise.all([adapter.findContactsByEmail(['a@x.com']), adapter.findContactsByEmail(['b@x.com'])]);

    assert.equal(tokens.length, 1);
  });

  it('shares one refresh between two adapters on the same portal', async () => {
    const registry = new HubspotPortalRegistry();
    const first = oauthAdapter(start, { registry });
    const second = oauthAdapter(start, { registry });
    tokenEndpoint().once().reply(200, { access_token: 'new-access', refresh_token: 'refresh-1', expires_in: 1800, token_type: 'bearer' });
    readContacts('new-access', 2);

    await Promise.all([first.adapter.findContactsByEmail(['a@x.com']), second.adapter.findContactsByEmail(['b@x.com'])]);

    assert.equal(first.tokens.length + second.tokens.length, 1);
  });

  it('stops with auth revoked when HubSpot refuses the refresh token, without calling the API', async () => {
    const { adapter } = oauthAdapter(start);
    tokenEndpoint().reply(400, { status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token' });

    await assert.rejects(adapter.findContactsByEmail(['a@x.com']), (error: Error & { code?: string }) => error.code === 'crm.auth_revoked');
  });

  it('keeps working when saving the new tokens fails', async () => {
    const { adapter } = oauthAdapter(start, {
      onTokens: () => {
        throw new Error('disk full');
      },
    });
    tokenEndpoint().reply(200, { access_token: 'new-access', refresh_token: 'refresh-1', expires_in: 1800, token_type: 'bearer' });
    readContacts('new-access');

    assert.equal((await adapter.findContactsByEmail(['a@x.com'])).length, 1);
  });
});
