import assert from 'node:assert/strict';
import { SyncError } from '@synaptiq/shared';
import type { Stores } from '@synaptiq/shared';
import { leadCreated } from './support/builders';
import { startHarness } from './support/harness';
import type { Harness } from './support/harness';

async function workspaceStatus(stores: Stores) {
  const workspace = await stores.config.getWorkspace('acme');
  assert.ok(workspace);
  return workspace.status;
}

/** What a user does to fix an invalid property: creates it in the CRM, then saves the mapping. */
async function saveChangedMapping(stores: Stores): Promise<void> {
  const workspace = await stores.config.getWorkspace('acme');
  assert.ok(workspace);
  const field_mapping = { ...workspace.settings.field_mapping, contact: { synaptiq_lead_id: 'synaptiq_lead_id' } };
  await stores.config.saveWorkspace({ ...workspace, settings: { ...workspace.settings, field_mapping } });
}

/** A started worker whose workspace paused on its first event (evt_1): the CRM lacks a mapped property. */
async function pausedOnMissingProperty(): Promise<Harness> {
  const harness = await startHarness();
  harness.crm.missingProperties.add('synaptiq_lead_id');
  await harness.receive(leadCreated('evt_1', 'lead_1'));
  await harness.advance(250);
  return harness;
}

describe('sync worker pause and resume', () => {
  it('pauses the workspace on an invalid property and says what to fix', async () => {
    const { stores } = await pausedOnMissingProperty();
    const status = await workspaceStatus(stores);
    assert.equal(status.paused, true);
    assert.equal(status.reason?.code, 'crm.invalid_property');
    assert.match(status.reason?.message ?? '', /Field Mapping/);
    assert.equal(status.reason?.details['property'], 'synaptiq_lead_id');
  });

  it('returns the events to the queue without counting an attempt', async () => {
    const { stores } = await pausedOnMissingProperty();
    const event = await stores.events.get('acme', 'evt_1');
    assert.deepEqual([event?.status, event?.attempts], ['pending', 0]);
  });

  it('stops calling the CRM while paused, even for new events', async () => {
    const { crm, receive, advance } = await pausedOnMissingProperty();
    await receive(leadCreated('evt_2', 'lead_2'));
    await advance(60 * 60_000);
    assert.equal(crm.calls.length, 1);
  });

  it('resumes by itself when the settings change, and syncs everything that waited', async () => {
    const { crm, receive, advance, stores } = await startHarness();
    crm.missingProperties.add('synaptiq_lead_id');
    await receive(leadCreated('evt_1', 'lead_1'), leadCreated('evt_2', 'lead_2'));
    await advance(250);
    await receive(leadCreated('evt_3', 'lead_3'));
    crm.missingProperties.delete('synaptiq_lead_id');
    await saveChangedMapping(stores);
    await advance(1_000);
    assert.equal((await workspaceStatus(stores)).paused, false);
    assert.deepEqual(
      crm.recordsOf('contact').map((record) => record.key).sort(),
      ['lead:lead_1:contact', 'lead:lead_2:contact', 'lead:lead_3:contact'],
    );
  });

  it('resumes after a restart when the settings were fixed while the relay was down', async () => {
    const first = await pausedOnMissingProperty();
    await first.worker.stop();
    first.crm.missingProperties.delete('synaptiq_lead_id');
    await saveChangedMapping(first.stores);

    const restarted = await startHarness({ stores: first.stores, crm: first.crm });
    await restarted.advance(1_000);
    assert.equal((await workspaceStatus(first.stores)).paused, false);
    assert.equal((await first.stores.events.get('acme', 'evt_1'))?.status, 'synced');
  });

  it('stays paused after a restart when nothing was changed', async () => {
    const first = await pausedOnMissingProperty();
    await first.worker.stop();

    const restarted = await startHarness({ stores: first.stores, crm: first.crm });
    await restarted.advance(60_000);
    assert.equal((await workspaceStatus(first.stores)).paused, true);
    assert.equal(first.crm.calls.length, 1);
  });

  it('keeps a hash of the configuration it paused with, not the configuration itself', async () => {
    const { stores } = await pausedOnMissingProperty();
    assert.match((await workspaceStatus(stores)).paused_configuration ?? '', /^[0-9a-f]{64}$/);
  });

  it('clears the recorded configuration on resume', async () => {
    const { crm, stores, worker } = await pausedOnMissingProperty();
    crm.missingProperties.delete('synaptiq_lead_id');
    await worker.resume('acme');
    assert.equal((await workspaceStatus(stores)).paused_configuration, undefined);
  });

  it('resumes on request', async () => {
    const { crm, advance, stores, worker } = await pausedOnMissingProperty();
    crm.missingProperties.delete('synaptiq_lead_id');
    await worker.resume('acme');
    await advance(0);
    assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'synced');
  });

  it('pauses again when a resume did not fix the cause, still without losing events', async () => {
    const { stores, worker } = await pausedOnMissingProperty();
    const result = await worker.syncNow('acme');
    assert.deepEqual([result.pushed, result.failed, result.remaining], [0, 0, 1]);
    assert.equal((await workspaceStatus(stores)).paused, true);
    assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'pending');
  });

  const userErrors = ['crm.auth_expired', 'crm.auth_revoked', 'crm.not_configured'] as const;
  for (const code of userErrors) {
    it(`pauses on ${code}`, async () => {
      const { crm, receive, advance, stores } = await startHarness();
      crm.failNext(new SyncError(code, 'The CRM refused the credentials.'));
      await receive(leadCreated('evt_1', 'lead_1'));
      await advance(250);
      assert.equal((await workspaceStatus(stores)).reason?.code, code);
    });
  }

  it('pauses when the CRM adapter cannot even be built', async () => {
    const { receive, advance, stores } = await startHarness({
      crmFor: async () => {
        throw new SyncError('crm.not_configured', 'The stored CRM connection cannot be decrypted.');
      },
    });
    await receive(leadCreated('evt_1', 'lead_1'));
    await advance(250);
    assert.equal((await workspaceStatus(stores)).reason?.code, 'crm.not_configured');
    assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'pending');
  });

  it('pauses on an exhausted daily quota and resumes by itself when the CRM said it resets', async () => {
    const { crm, receive, advance, stores, time } = await startHarness();
    crm.failNext(new SyncError('crm.daily_quota_exhausted', 'Daily limit reached.', { retryAfterMs: 3 * 60 * 60_000 }));
    await receive(leadCreated('evt_1', 'lead_1'));
    await advance(250);
    const paused = await workspaceStatus(stores);
    assert.equal(paused.reason?.details['resume_at'], new Date(time.now() + 3 * 60 * 60_000).toISOString());
    await advance(3 * 60 * 60_000 - 10_000);
    assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'pending');
    await advance(20_000);
    assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'synced');
  });
});
