import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryCrmAdapter } from '@synaptiq/shared';
import { openStores } from '../../../relay/src/stores';
import { coreBatchRunner } from '../../../relay/src/worker/core-batch-runner';
import { leadCreated, meetingBooked } from './support/builders';
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
});
