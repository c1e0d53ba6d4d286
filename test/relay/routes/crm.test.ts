import assert from 'node:assert/strict';
import request from 'supertest';
import { SyncError } from '@synaptiq/shared';
import { bearer, createTestRelay } from '../support/test-relay';
import type { TestRelay } from '../support/test-relay';

describe('/v1/crm', () => {
  let relay: TestRelay;
  let auth: string;

  beforeEach(async () => {
    relay = createTestRelay();
    auth = bearer((await relay.addWorkspace()).apiKey);
  });

  const get = (path: string) => request(relay.app).get(path).set('authorization', auth);

  it('verifies the connection and names the account', async () => {
    const res = await request(relay.app).post('/v1/crm/verify').set('authorization', auth);
    assert.equal(res.status, 200);
    assert.equal(res.body.ok, true);
    assert.equal(res.body.account.provider, 'memory');
    assert.equal(typeof res.body.account.id, 'string');
  });

  it('lets a sync paused for lost access try again once the connection verifies', async () => {
    const workspace = await relay.stores.config.getWorkspace('acme');
    assert.ok(workspace);
    const reason = { code: 'crm.auth_expired', message: 'Reconnect.', details: {} };
    await relay.stores.config.saveWorkspace({ ...workspace, status: { ...workspace.status, paused: true, reason } });
    await request(relay.app).post('/v1/crm/verify').set('authorization', auth);
    assert.deepEqual(relay.worker.resumes, ['acme']);
  });

  it('answers a CRM failure with its code and the fix', async () => {
    relay.crm('acme').failNextCall('verifyConnection', new SyncError('crm.auth_revoked', 'The CRM access was revoked. Reconnect at /admin/settings > CRM.'));
    const res = await request(relay.app).post('/v1/crm/verify').set('authorization', auth);
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'crm.auth_revoked');
    assert.match(res.body.error.message, /Reconnect/);
  });

  it('lists the properties of an object', async () => {
    const res = await get('/v1/crm/properties?object=deal');
    assert.equal(res.status, 200);
    assert.ok((res.body.data as Array<{ name: string; custom: boolean }>).some((p) => p.name === 'dealname' && p.custom === false));
  });

  it('answers 422 query.object when the object is missing or unknown', async () => {
    for (const path of ['/v1/crm/properties', '/v1/crm/properties?object=ticket']) {
      const res = await get(path);
      assert.equal(res.status, 422);
      assert.equal(res.body.error.details.errors[0].path, 'query.object');
    }
  });

  it('creates the missing custom properties once', async () => {
    const first = await request(relay.app).post('/v1/crm/properties').set('authorization', auth);
    assert.equal(first.status, 200);
    assert.ok((first.body.created as string[]).includes('contact.synaptiq_lead_score'));
    assert.ok((first.body.created as string[]).includes('deal.synaptiq_key'));
    const second = await request(relay.app).post('/v1/crm/properties').set('authorization', auth);
    assert.deepEqual(second.body, { created: [] });
  });

  it('lists pipelines with their stages', async () => {
    const res = await get('/v1/crm/pipelines');
    assert.equal(res.status, 200);
    assert.equal(res.body.data[0].id, 'default');
    assert.deepEqual(res.body.data[0].stages[1], { id: 'qualifiedlead', label: 'Qualified Lead' });
  });

  it('lists the stages of one pipeline, and 404 for an unknown one', async () => {
    const res = await get('/v1/crm/pipelines/default/stages');
    assert.equal(res.body.data.length, 6);
    const missing = await get('/v1/crm/pipelines/nope/stages');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'not_found');
  });

  it('lists only active owners', async () => {
    const res = await get('/v1/crm/owners');
    assert.deepEqual(res.body.data, [
      { id: 'owner-1', name: 'Sarah Chen', email: 'sarah@example.com' },
      { id: 'owner-2', name: 'Tom Reyes', email: 'tom@example.com' },
    ]);
  });
});
