import assert from 'node:assert/strict';
import request from 'supertest';
import { defaultWorkspaceSettings } from '@synaptiq/shared';
import { bearer, createTestRelay } from '../support/test-relay';
import type { TestRelay } from '../support/test-relay';

describe('/v1/settings', () => {
  let relay: TestRelay;
  let auth: string;

  beforeEach(async () => {
    relay = createTestRelay();
    auth = bearer((await relay.addWorkspace()).apiKey);
  });

  const saved = async () => (await relay.stores.config.getWorkspace('acme'))?.settings;
  const createCustomProperties = () => request(relay.app).post('/v1/crm/properties').set('authorization', auth);

  it('reads the workspace settings, defaults filled in', async () => {
    const res = await request(relay.app).get('/v1/settings').set('authorization', auth);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, defaultWorkspaceSettings());
  });

  it('changes only the fields a PATCH names, nested objects merged', async () => {
    await createCustomProperties();
    const res = await request(relay.app)
      .patch('/v1/settings')
      .set('authorization', auth)
      .send({ sync_mode: { mode: 'batched', interval_minutes: 30 }, deal_creation: { default_amount: 5000 } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.sync_mode, { mode: 'batched', interval_minutes: 30 });
    assert.equal(res.body.deal_creation.default_amount, 5000);
    assert.equal(res.body.deal_creation.pipeline, 'Sales Pipeline');
    assert.deepEqual((await saved())?.sync_mode, { mode: 'batched', interval_minutes: 30 });
  });

  it('replaces the settings on PUT, omitted fields back to their defaults', async () => {
    await createCustomProperties();
    await request(relay.app).patch('/v1/settings').set('authorization', auth).send({ duplicate_strategy: 'skip' });
    const res = await request(relay.app).put('/v1/settings').set('authorization', auth).send({ sync_mode: { mode: 'manual' } });
    assert.equal(res.status, 200);
    assert.equal(res.body.duplicate_strategy, 'update_existing');
    assert.deepEqual((await saved())?.sync_mode, { mode: 'manual' });
  });

  it('answers 422 naming every bad field and saves nothing', async () => {
    const res = await request(relay.app)
      .patch('/v1/settings')
      .set('authorization', auth)
      .send({ duplicate_strategy: 'merge_everything', sync_mode: { mode: 'batched', interval_minutes: 0 }, default_phone_region: 'usa' });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, 'request.invalid');
    const paths = (res.body.error.details.errors as Array<{ path: string }>).map((e) => e.path).sort();
    assert.deepEqual(paths, ['body.default_phone_region', 'body.duplicate_strategy', 'body.sync_mode.interval_minutes']);
    assert.deepEqual(await saved(), defaultWorkspaceSettings());
  });

  it('refuses any change while mapped custom properties are missing, naming them', async () => {
    const res = await request(relay.app).patch('/v1/settings').set('authorization', auth).send({ contact_creation: false });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, 'crm.invalid_property');
    assert.match(res.body.error.message, /Create in CRM/);
    assert.equal((await saved())?.contact_creation, true);
  });

  it('rejects a mapping to a CRM field that does not exist with 422 crm.invalid_property, listing the fix', async () => {
    const res = await request(relay.app)
      .patch('/v1/settings')
      .set('authorization', auth)
      .send({ field_mapping: { contact: { synaptiq_title: 'job_title_typo' } } });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, 'crm.invalid_property');
    const errors = res.body.error.details.errors as Array<{ crm_field: string; synaptiq_field: string }>;
    assert.ok(errors.some((e) => e.crm_field === 'job_title_typo' && e.synaptiq_field === 'synaptiq_title'));
    assert.ok((res.body.error.details.missing_custom_properties as Array<{ name: string }>).some((p) => p.name === 'synaptiq_lead_score'));
    assert.equal((await saved())?.field_mapping.contact.synaptiq_title, undefined);
  });

  it('rejects deal settings naming a stage the CRM\'s pipeline lacks', async () => {
    await createCustomProperties();
    const res = await request(relay.app)
      .patch('/v1/settings')
      .set('authorization', auth)
      .send({ deal_creation: { initial_stage: 'Hot Lead', stage_by_status: { won: 'Closed Won' } } });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, 'crm.invalid_property');
    assert.deepEqual(res.body.error.details.errors.map((e: { setting: string }) => e.setting), ['deal_creation.stage_by_status.qualified']);
    assert.match(res.body.error.message, /"Hot Lead" was not found/);
  });

  it('accepts a mapping once the custom properties exist in the CRM', async () => {
    await createCustomProperties();
    const res = await request(relay.app)
      .patch('/v1/settings')
      .set('authorization', auth)
      .send({ field_mapping: { contact: { synaptiq_title: 'jobtitle', synaptiq_phone: null } } });
    assert.equal(res.status, 200);
    assert.equal((await saved())?.field_mapping.contact.synaptiq_phone, null);
  });

  it('creates the missing custom properties in the same step when asked to', async () => {
    const res = await request(relay.app).patch('/v1/settings?create_missing_properties=true').set('authorization', auth).send({ contact_creation: false });
    assert.equal(res.status, 200);
    assert.equal((await saved())?.contact_creation, false);
    assert.ok(relay.crm('acme').records('contact').length === 0 && (await relay.crm('acme').listProperties('contact')).some((p) => p.name === 'synaptiq_lead_score'));
  });

  it('asks the worker to resume a paused workspace after a change', async () => {
    await createCustomProperties();
    const workspace = await relay.stores.config.getWorkspace('acme');
    assert.ok(workspace);
    await relay.stores.config.saveWorkspace({ ...workspace, status: { ...workspace.status, paused: true, reason: { code: 'crm.invalid_property', message: 'x', details: {} } } });
    await request(relay.app).patch('/v1/settings').set('authorization', auth).send({ contact_creation: false });
    assert.deepEqual(relay.worker.resumes, ['acme']);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await request(relay.app).patch('/v1/settings').set('authorization', auth).set('content-type', 'application/json').send('{"sync_mode":');
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'request.malformed_json');
  });

  it('answers 422 to a body that is not an object', async () => {
    const res = await request(relay.app).put('/v1/settings').set('authorization', auth).send([1, 2]);
    assert.equal(res.status, 422);
    assert.equal(res.body.error.details.errors[0].path, 'body');
  });
});
