import assert from 'node:assert/strict';
import request from 'supertest';
import { createTestRelay } from '../support/test-relay';

describe('GET /v1/me', () => {
  it('describes the workspace, its CRM (the sandbox when none is connected), sync mode and status', async () => {
    const relay = createTestRelay();
    const { apiKey } = await relay.addWorkspace({ settings: { sync_mode: { mode: 'batched', interval_minutes: 30 } } });
    const res = await request(relay.app).get('/v1/me').set('authorization', `Bearer ${apiKey}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      workspace: { id: 'acme', name: 'Acme' },
      crm: { provider: 'hubspot', connected: true, account_name: 'Synaptiq sandbox CRM', sandbox: true },
      sync_mode: { mode: 'batched', interval_minutes: 30 },
      status: { paused: false, reason: null, since: null },
    });
  });

  it('shows a pause and its reason', async () => {
    const relay = createTestRelay();
    const { workspace, apiKey } = await relay.addWorkspace();
    const reason = { code: 'crm.auth_revoked', message: 'Reconnect the CRM.', details: {} };
    await relay.stores.config.saveWorkspace({ ...workspace, status: { ...workspace.status, paused: true, reason, since: '2026-11-24T15:00:00.000Z' } });
    const res = await request(relay.app).get('/v1/me').set('authorization', `Bearer ${apiKey}`);
    assert.deepEqual(res.body.status, { paused: true, reason: { code: 'crm.auth_revoked', message: 'Reconnect the CRM.' }, since: '2026-11-24T15:00:00.000Z' });
  });

  it('counts a CRM as disconnected while the sync is paused for revoked access', async () => {
    const relay = createTestRelay();
    const { workspace, apiKey } = await relay.addWorkspace();
    const reason = { code: 'crm.auth_revoked', message: 'Reconnect the CRM.', details: {} };
    await relay.stores.config.saveWorkspace({ ...workspace, status: { ...workspace.status, paused: true, reason } });
    const res = await request(relay.app).get('/v1/me').set('authorization', `Bearer ${apiKey}`);
    assert.equal(res.body.crm.connected, false);
  });

  it('describes a stored connection, and counts it disconnected when it cannot be opened', async () => {
    const relay = createTestRelay();
    const { workspace, apiKey } = await relay.addWorkspace();
    const sealed = relay.secrets.encrypt(JSON.stringify({ provider: 'hubspot', auth: 'private_app', access_token: 'pat-na1-x' }));
    await relay.stores.config.saveWorkspace({ ...workspace, crm_connection: sealed });
    const connected = await request(relay.app).get('/v1/me').set('authorization', `Bearer ${apiKey}`);
    assert.deepEqual(connected.body.crm, { provider: 'hubspot', connected: true, account_name: null, sandbox: false });
    await relay.stores.config.saveWorkspace({ ...workspace, crm_connection: 'enc:v1:garbage' });
    const broken = await request(relay.app).get('/v1/me').set('authorization', `Bearer ${apiKey}`);
    assert.equal(broken.status, 200);
    assert.equal(broken.body.crm.connected, false);
  });

  it('never includes secrets, key hashes or CRM tokens', async () => {
    const relay = createTestRelay();
    const { apiKey, webhookSecret, workspace } = await relay.addWorkspace();
    const res = await request(relay.app).get('/v1/me').set('authorization', `Bearer ${apiKey}`);
    const text = JSON.stringify(res.body);
    for (const secret of [apiKey, webhookSecret, workspace.api_keys[0]?.hash ?? '', workspace.webhook_secrets[0] ?? '']) {
      assert.ok(!text.includes(secret));
    }
  });
});
