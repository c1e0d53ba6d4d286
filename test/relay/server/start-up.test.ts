import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { readyMessage, startRelay } from '../../../relay/src/server';
import type { RunningRelay } from '../../../relay/src/server';
import { removeTestDataDirs, silentPino, testEnv } from '../support/relay-env';

describe('relay start-up', () => {
  const running: RunningRelay[] = [];
  const start = async (env: ReturnType<typeof testEnv>) => {
    const relay = await startRelay(env, { logger: silentPino() });
    running.push(relay);
    return relay;
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map((relay) => relay.close()));
  });
  after(removeTestDataDirs);

  it('creates workspace "default" on first start with generated credentials that work', async () => {
    const env = testEnv();
    const relay = await start(env);
    const { created, generated } = relay.defaultWorkspace;
    assert.equal(created, true);
    assert.match(generated.apiKey ?? '', /^sk_/);
    assert.match(generated.webhookSecret ?? '', /^whsec_/);
    const me = await request(relay.url).get('/v1/me').set('authorization', `Bearer ${generated.apiKey}`);
    assert.equal(me.status, 200);
    assert.deepEqual(me.body.crm, { provider: 'hubspot', connected: true, account_name: 'Synaptiq sandbox CRM', sandbox: true });
  });

  it('prints the credentials in the ready message only when it made them', async () => {
    const env = testEnv();
    const first = await start(env);
    const message = readyMessage(env, first);
    assert.ok(message.includes(`curl -H "Authorization: Bearer ${first.defaultWorkspace.generated.apiKey}" ${first.url}/v1/sync-log`));
    assert.ok(message.includes('npm run send-test-event'));
    await first.close();
    const second = await start(env);
    assert.deepEqual(second.defaultWorkspace.generated, { apiKey: null, webhookSecret: null });
    assert.ok(!readyMessage(env, second).includes('sk_'));
  });

  it('reuses the stored credentials after a restart', async () => {
    const env = testEnv();
    const first = await start(env);
    const apiKey = first.defaultWorkspace.generated.apiKey as string;
    await first.close();
    const second = await start(env);
    assert.equal(second.defaultWorkspace.created, false);
    assert.equal((await request(second.url).get('/v1/me').set('authorization', `Bearer ${apiKey}`)).status, 200);
  });

  it('stores the API key hashed and the webhook secret encrypted, never in clear', async () => {
    const env = testEnv();
    const relay = await start(env);
    const config = readFileSync(join(env.DATA_DIR, 'config.json'), 'utf8');
    assert.ok(!config.includes(relay.defaultWorkspace.generated.apiKey as string));
    assert.ok(!config.includes(relay.defaultWorkspace.generated.webhookSecret as string));
  });

  it('writes a generated encryption key readable by its owner only', async () => {
    const env = testEnv();
    await start(env);
    const mode = statSync(join(env.DATA_DIR, 'encryption.key')).mode & 0o777;
    assert.equal(mode, 0o600);
  });

  it('uses RELAY_API_KEY and WEBHOOK_SECRET when given, and prints neither', async () => {
    const env = testEnv({ RELAY_API_KEY: 'sk_from_env_0123456789abcdefghij', WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
    const relay = await start(env);
    assert.deepEqual(relay.defaultWorkspace.generated, { apiKey: null, webhookSecret: null });
    assert.equal((await request(relay.url).get('/v1/me').set('authorization', 'Bearer sk_from_env_0123456789abcdefghij')).status, 200);
  });

  it('replaces the key when RELAY_API_KEY changes between starts', async () => {
    const env = testEnv();
    const first = await start(env);
    const generatedKey = first.defaultWorkspace.generated.apiKey as string;
    await first.close();
    const second = await start({ ...env, RELAY_API_KEY: 'sk_chosen_later_0123456789abcdefgh' });
    assert.deepEqual(second.defaultWorkspace.changes, ['RELAY_API_KEY replaced the API key']);
    assert.equal((await request(second.url).get('/v1/me').set('authorization', `Bearer ${generatedKey}`)).status, 401);
    assert.equal((await request(second.url).get('/v1/me').set('authorization', 'Bearer sk_chosen_later_0123456789abcdefgh')).status, 200);
  });

  it('creates the custom properties the sync needs in the sandbox CRM', async () => {
    const relay = await start(testEnv());
    const res = await request(relay.url).get('/v1/crm/properties?object=contact').set('authorization', `Bearer ${relay.defaultWorkspace.generated.apiKey}`);
    assert.ok((res.body.data as Array<{ name: string }>).some((p) => p.name === 'synaptiq_lead_score'));
  });

  it('speaks the Salesforce API to the sandbox when CRM_PROVIDER says so, custom fields created', async () => {
    const relay = await start(testEnv({ CRM_PROVIDER: 'salesforce' }));
    const auth = `Bearer ${relay.defaultWorkspace.generated.apiKey}`;
    assert.equal((await request(relay.url).get('/v1/me').set('authorization', auth)).body.crm.provider, 'salesforce');
    const res = await request(relay.url).get('/v1/crm/properties?object=contact').set('authorization', auth);
    assert.ok((res.body.data as Array<{ name: string }>).some((p) => p.name === 'Lead_Score__c'));
  });

  it('answers /health and /ready, and stops cleanly', async () => {
    const relay = await start(testEnv());
    assert.deepEqual((await request(relay.url).get('/health')).body, { status: 'ok' });
    assert.equal((await request(relay.url).get('/ready')).status, 200);
    await relay.close();
    await assert.rejects(request(relay.url).get('/health'));
  });
});
