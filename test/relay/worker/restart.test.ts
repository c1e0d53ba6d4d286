import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryCrmAdapter } from '@synaptiq/shared';
import { openStores } from '../../../relay/src/stores';
import { expireDeadClaims } from '../../../relay/src/worker';
import { coreBatchRunner } from '../../../relay/src/worker/core-batch-runner';
import type { BatchRunner } from '../../../relay/src/worker/types';
import { leadCreated, meetingBooked } from './support/builders';
import { createGate, flushAsync } from './support/gate';
import { startHarness } from './support/harness';

describe('sync worker across restarts (SQLite and lowdb stores)', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'worker-restart-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('syncs after a restart what was acknowledged before it, and what a crash left claimed', async () => {
    const memory = new MemoryCrmAdapter();
    const before = await openStores({ dataDir });
    const first = await startHarness({ stores: before, start: false, runBatch: coreBatchRunner(), crmFor: async () => memory });
    await first.receive(leadCreated('evt_1', 'lead_1'), meetingBooked('evt_2', 'lead_1'), leadCreated('evt_3', 'lead_3'));
    // The process dies holding a claim on the oldest event.
    await before.events.claim({ workspaceIds: ['acme'], now: first.time.iso(), limit: 1, leaseUntil: new Date(first.time.now() + 60_000).toISOString() });
    await before.close();

    const after = await openStores({ dataDir });
    const second = await startHarness({ stores: after, runBatch: coreBatchRunner(), crmFor: async () => memory, options: { leaseMs: 60_000 } });
    await second.advance(65_000);
    assert.deepEqual(await after.events.countByStatus('acme'), { pending: 0, processing: 0, synced: 3, skipped: 0, failed: 0, dead: 0 });
    assert.equal(memory.records('contact').length, 2);
    assert.equal(memory.records('meeting').length, 1);
    await second.worker.stop();
    await after.close();
  });

  describe('after a crash mid-batch (kill -9: the worker never stopped)', () => {
    /** A relay that claims every event, starts its CRM calls and dies before any answer: its leases run 60 s. */
    async function crashHoldingClaims(memory: MemoryCrmAdapter): Promise<void> {
      const stores = await openStores({ dataDir });
      const hung = createGate();
      const runner = coreBatchRunner();
      const hangsBeforeSettling: BatchRunner = async (input) => {
        const outcome = await runner(input);
        await hung.wait;
        return outcome;
      };
      const dying = await startHarness({ stores, runBatch: hangsBeforeSettling, crmFor: async () => memory });
      await dying.receive(leadCreated('evt_1', 'lead_1'), meetingBooked('evt_2', 'lead_1'), leadCreated('evt_3', 'lead_3'));
      await dying.time.advance(250, () => flushAsync());
      assert.equal((await stores.events.countByStatus('acme')).processing, 2);
      assert.equal(memory.records('contact').length, 2, 'the dead relay created its contacts before it died');
      // No worker.stop(): the claims stay in the database as a killed process leaves them.
      await stores.close();
    }

    it('syncs the claimed events at once when the start-up expires the dead relay\'s leases, without duplicate CRM records', async () => {
      const memory = new MemoryCrmAdapter();
      await crashHoldingClaims(memory);
      const stores = await openStores({ dataDir });
      const restarted = await startHarness({ stores, runBatch: coreBatchRunner(), crmFor: async () => memory, start: false });
      assert.equal(await expireDeadClaims(stores.events, restarted.time), 2);
      restarted.worker.start();
      await restarted.advance(250);
      assert.deepEqual(await stores.events.countByStatus('acme'), { pending: 0, processing: 0, synced: 3, skipped: 0, failed: 0, dead: 0 });
      // The dead relay's calls reached the CRM; the retry finds its records instead of creating more.
      assert.equal(memory.records('contact').length, 2);
      assert.equal(memory.records('meeting').length, 1);
      await restarted.worker.stop();
      await stores.close();
    });

    it('without the expiry, leaves them claimed until their lease runs out', async () => {
      const memory = new MemoryCrmAdapter();
      await crashHoldingClaims(memory);
      const stores = await openStores({ dataDir });
      const restarted = await startHarness({ stores, runBatch: coreBatchRunner(), crmFor: async () => memory });
      await restarted.advance(250);
      assert.equal((await stores.events.countByStatus('acme')).processing, 2);
      await restarted.worker.stop();
      await stores.close();
    });
  });
});
