import assert from 'node:assert/strict';
import { crmConnectionSchema } from '@synaptiq/shared';
import { exchangeSalesforceCode, salesforceAuthorizationUrl } from '@synaptiq/shared/adapters/salesforce/index';
import { drained, postSigned, sendLeadLives } from '../../bench/support/harness-events';
import { startHarnessRelay, type HarnessRelay } from '../../bench/support/relay-harness';

const salesforceApp = { clientId: 'synaptiq-secrets-test', clientSecret: 'sf-client-secret-7d1f0c9e4b2a', redirectUri: 'http://127.0.0.1/oauth/salesforce' };

/**
 * Secrets (issue 7 §3): a full run (two workspaces, HubSpot and Salesforce over OAuth with tokens expiring and
 * refreshed mid-run, a revoked token, bad requests, every read route), then a grep of everything it wrote: the
 * log, every HTTP answer and every file in the data dir. No API key, webhook secret, encryption key, CRM token
 * or OAuth client secret may appear in any of them.
 */
describe('reliability: no secret in logs, errors, answers or files', function () {
  this.timeout(60_000);
  let relay: HarnessRelay;
  const secrets = new Map<string, string>();

  before(async () => {
    relay = await startHarnessRelay({ salesforceApp, sandboxConfig: { salesforce: { sessionTtlSeconds: 1 }, auth: { clients: [{ clientId: salesforceApp.clientId, clientSecret: salesforceApp.clientSecret }] } } });
    const hubspot = await relay.addWorkspace('hub', 'hubspot');

    // Connect Salesforce the way a user does (authorize → code → tokens); the session lives one second.
    const client = { ...salesforceApp, loginUrl: relay.sandbox.url };
    const authorize = await fetch(salesforceAuthorizationUrl(client, 'state-1'), { redirect: 'manual' });
    const code = new URL(authorize.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const connection = await exchangeSalesforceCode(client, code);
    const salesforce = await relay.addWorkspace('force', 'salesforce', { salesforce: { opportunity_on: 'qualified' } }, connection);

    for (const [name, value] of Object.entries({
      'hub API key': hubspot.apiKey,
      'hub webhook secret': hubspot.webhookSecret.slice('whsec_'.length),
      'force API key': salesforce.apiKey,
      'force webhook secret': salesforce.webhookSecret.slice('whsec_'.length),
      'encryption key (hex)': relay.encryptionKey.toString('hex'),
      'encryption key (base64)': relay.encryptionKey.toString('base64'),
      'sandbox CRM token': relay.sandboxToken,
      'Salesforce client secret': salesforceApp.clientSecret,
      'first Salesforce access token': connection.access_token,
      'first Salesforce refresh token': connection.auth === 'oauth' ? connection.refresh_token : '',
    })) secrets.set(name, value);

    const hubAuth = { authorization: `Bearer ${hubspot.apiKey}` };
    const forceAuth = { authorization: `Bearer ${salesforce.apiKey}` };
    await sendLeadLives(relay, 'hub', hubspot.webhookSecret, [900, 901], 'hub');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await sendLeadLives(relay, 'force', salesforce.webhookSecret, [910, 911], 'force');
    await drained(relay.stores, 'hub');
    await drained(relay.stores, 'force');

    // A revoked HubSpot token: the sync pauses and says why (its errors get logged).
    relay.sandbox.configure({ auth: { tokens: ['not-the-relay-token'] } });
    await sendLeadLives(relay, 'hub', hubspot.webhookSecret, [902], 'hub-revoked');
    await drained(relay.stores, 'hub');
    relay.sandbox.configure({ auth: { tokens: [] } });

    // Bad requests: a wrong secret, a wrong key, no key.
    await postSigned(relay, 'hub', salesforce.webhookSecret, 'evt_wrong_secret', '{"id":"evt_wrong_secret"}');
    await relay.request('/v1/me', { headers: { authorization: `Bearer ${hubspot.apiKey}x` } });
    await relay.request('/v1/settings');
    for (const path of ['/v1/me', '/v1/settings', '/v1/events', '/v1/sync-log', '/v1/sync-log.csv', '/v1/leads', '/v1/leads/lead_bench_900', '/v1/review', '/v1/hooks', '/v1/crm/owners', '/v1/crm/pipelines', '/metrics', '/openapi.json', '/health', '/ready']) {
      await relay.request(path, { headers: hubAuth });
      await relay.request(path, { headers: forceAuth });
    }
    await relay.request('/v1/crm/verify', { method: 'POST', headers: forceAuth });
    await relay.request('/v1/sync', { method: 'POST', headers: hubAuth });

    // The Salesforce tokens the relay holds now (refreshed during the run) must not leak either.
    const stored = await relay.stores.config.getWorkspace('force');
    const latest = crmConnectionSchema.parse(JSON.parse(relay.secrets.decrypt(stored?.crm_connection ?? '')));
    secrets.set('latest Salesforce access token', latest.access_token);
  });
  after(async () => {
    await relay.close();
  });

  it('really ran: the Salesforce session expired and was refreshed, and the revoked HubSpot token paused the sync', async () => {
    assert.ok(relay.sandbox.inspect().tokenCalls.salesforce >= 2, 'the code exchange and at least one refresh');
    assert.notEqual(secrets.get('latest Salesforce access token'), secrets.get('first Salesforce access token'));
    assert.ok(relay.logLines.some((line) => line.includes('crm.auth_')), 'the auth failure was logged');
  });

  for (const [what, text] of [
    ['the log', (r: HarnessRelay) => r.logLines.join('\n')],
    ['the HTTP answers', (r: HarnessRelay) => r.answers.join('\n')],
    ['the data dir', (r: HarnessRelay) => r.dataDirText()],
  ] as const) {
    it(`finds no secret in ${what}`, () => {
      const written = text(relay);
      assert.ok(written.length > 1000, `${what} is not empty`);
      assert.deepEqual([...secrets].filter(([, value]) => value && written.includes(value)).map(([name]) => name), []);
    });
  }
});
