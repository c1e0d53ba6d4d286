import assert from 'node:assert/strict';
import { SyncError } from '@synaptiq/shared';
import type { CrmAdapter } from '@synaptiq/shared';
import { buildWorkspace, leadCreated, meetingBooked } from './support/builders';
import { FakeCrm } from './support/fake-crm';
import { createGate, flushAsync } from './support/gate';
import { startHarness } from './support/harness';
import { stubSyncBatch } from './support/stub-sync-batch';

describe('sync worker ordering and safety', () => {
  describe('order per lead', () => {
    it('writes a lead\'s meeting after its contact, associated with it', async () => {
      const { crm, receive, advance } = await startHarness();
      await receive(leadCreated('evt_1', 'lead_1'), meetingBooked('evt_2', 'lead_1'));
      await advance(250);
      const [contact] = crm.recordsOf('contact');
      const [meeting] = crm.recordsOf('meeting');
      assert.deepEqual(meeting?.associations, [{ objectType: 'contact', id: contact?.id }]);
      assert.deepEqual(
        crm.calls.map((call) => call.objectType),
        ['contact', 'contact', 'meeting'],
      );
    });

    it('holds the meeting back while the contact waits for a retry', async () => {
      const { crm, receive, advance, stores } = await startHarness();
      crm.failNext(new SyncError('crm.transient', 'HubSpot answered 502.'));
      await receive(leadCreated('evt_1', 'lead_1'), meetingBooked('evt_2', 'lead_1'));
      await advance(250);
      assert.equal(crm.recordsOf('meeting').length, 0);
      assert.equal((await stores.events.get('acme', 'evt_2'))?.status, 'pending');
      await advance(10 * 60_000);
      assert.equal(crm.recordsOf('meeting').length, 1);
    });

    it('coalesces the next events of many leads into one batch per round', async () => {
      const { crm, receive, advance } = await startHarness();
      const leads = Array.from({ length: 50 }, (_, i) => `lead_${i}`);
      await receive(...leads.map((lead) => leadCreated(`c_${lead}`, lead)), ...leads.map((lead) => meetingBooked(`m_${lead}`, lead)));
      await advance(250);
      assert.deepEqual(crm.calls, [
        { objectType: 'contact', size: 50 },
        { objectType: 'contact', size: 50 },
        { objectType: 'meeting', size: 50 },
      ]);
    });
  });

  describe('crash safety', () => {
    it('re-runs an event a crashed worker left half-done once its lease expires, without a duplicate record', async () => {
      const { crm, stores, time, workspace } = await startHarness({ start: false });
      await stores.events.append('acme', leadCreated('evt_1', 'lead_1'), time.iso());
      // The crashed worker claimed the event and wrote it to the CRM, but died before marking it synced.
      const claimed = await stores.events.claim({ workspaceIds: ['acme'], now: time.iso(), limit: 10, leaseUntil: new Date(time.now() + 60_000).toISOString() });
      await stubSyncBatch({ workspace, crm, links: stores.links, events: claimed, now: time.now() });
      const restarted = await startHarness({ stores, crm, options: { leaseMs: 60_000 } });
      await restarted.advance(30_000);
      assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'processing');
      await restarted.advance(35_000);
      assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'synced');
      assert.equal(crm.calls.length, 2);
      assert.equal(crm.recordsOf('contact').length, 1);
    });
  });

  describe('graceful stop', () => {
    it('finishes the batch in flight before it returns', async () => {
      const gate = createGate();
      const { receive, stores, time, worker } = await startHarness({ crmFor: async (_, crm) => heldCrm(crm, gate.wait) });
      await receive(leadCreated('evt_1', 'lead_1'));
      await time.advance(250, async () => flushAsync());
      assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'processing');
      const stopped = worker.stop();
      gate.open();
      await stopped;
      assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'synced');
    });

    it('returns the events in flight to the queue when the batch outlasts the stop timeout', async () => {
      const gate = createGate();
      const { receive, stores, time, worker } = await startHarness({ crmFor: async (_, crm) => heldCrm(crm, gate.wait), options: { stopTimeoutMs: 1_000 } });
      await receive(leadCreated('evt_1', 'lead_1'));
      await time.advance(250, async () => flushAsync());
      const stopped = worker.stop();
      await time.advance(1_000, async () => flushAsync());
      await stopped;
      const event = await stores.events.get('acme', 'evt_1');
      assert.deepEqual([event?.status, event?.attempts], ['pending', 0]);
      gate.open();
    });

    it('takes no new work once stopped', async () => {
      const { crm, receive, advance, worker } = await startHarness();
      await worker.stop();
      await receive(leadCreated('evt_1', 'lead_1'));
      await advance(60_000);
      assert.equal(crm.calls.length, 0);
    });
  });

  it('keeps syncing other workspaces while one workspace\'s CRM hangs', async () => {
    const hanging = heldCrm(new FakeCrm(), new Promise<void>(() => undefined));
    const { stores, time, worker } = await startHarness({ crmFor: async (workspace, crm) => (workspace.id === 'slow' ? hanging : crm) });
    await stores.config.saveWorkspace(buildWorkspace('slow'));
    await stores.events.append('slow', leadCreated('evt_s', 'lead_s'), time.iso());
    await stores.events.append('acme', leadCreated('evt_a', 'lead_a'), time.iso());
    worker.kick('slow');
    worker.kick('acme');
    await time.advance(250, async () => flushAsync());
    assert.equal((await stores.events.get('acme', 'evt_a'))?.status, 'synced');
    assert.equal((await stores.events.get('slow', 'evt_s'))?.status, 'processing');
  });
});

/** The same CRM, whose writes wait for `until` first. */
function heldCrm(crm: FakeCrm, until: Promise<void>): CrmAdapter {
  return Object.assign(Object.create(crm) as FakeCrm, {
    upsertRecords: async (...args: Parameters<FakeCrm['upsertRecords']>) => {
      await until;
      return crm.upsertRecords(...args);
    },
  });
}
