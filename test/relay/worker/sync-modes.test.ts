import assert from 'node:assert/strict';
import { leadCreated } from './support/builders';
import { startHarness } from './support/harness';

const minutes = (n: number) => n * 60_000;
const burst = (count: number) => Array.from({ length: count }, (_, i) => leadCreated(`evt_${i}`, `lead_${i}`));

describe('sync worker modes', () => {
  describe('real-time', () => {
    it('writes a new event to the CRM once the coalescing window closes', async () => {
      const { crm, receive, advance, stores } = await startHarness({ options: { coalesceMs: 250 } });
      await receive(leadCreated('evt_1', 'lead_1'));
      await advance(249);
      assert.equal(crm.recordsOf('contact').length, 0);
      await advance(1);
      assert.equal(crm.recordsOf('contact').length, 1);
      assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'synced');
    });

    it('coalesces a burst of 100 events into one batch call', async () => {
      const { crm, receive, advance } = await startHarness();
      await receive(...burst(100));
      await advance(250);
      assert.equal(crm.recordsOf('contact').length, 100);
      assert.deepEqual(crm.calls, [{ objectType: 'contact', size: 100 }]);
    });

    it('runs a full batch at once without waiting for the window', async () => {
      const { crm, receive, advance } = await startHarness({ options: { coalesceMs: 10_000, maxBatchSize: 50 } });
      await receive(...burst(50));
      await advance(0);
      assert.deepEqual(crm.calls, [{ objectType: 'contact', size: 50 }]);
    });

    it('splits a burst larger than a batch into several full batches', async () => {
      const { crm, receive, advance } = await startHarness({ options: { maxBatchSize: 40 } });
      await receive(...burst(100));
      await advance(250);
      assert.deepEqual(
        crm.calls.map((call) => call.size),
        [40, 40, 20],
      );
    });

    it('runs events stored while the worker was down as soon as it starts', async () => {
      const harness = await startHarness({ start: false });
      await harness.receive(leadCreated('evt_1', 'lead_1'));
      await harness.advance(minutes(1));
      assert.equal(harness.crm.recordsOf('contact').length, 0);
      harness.worker.start();
      await harness.advance(0);
      assert.equal(harness.crm.recordsOf('contact').length, 1);
    });
  });

  describe('batched', () => {
    it('holds events until the interval has passed since the last batch, then sends them together', async () => {
      const { crm, receive, advance, stores, time } = await startHarness({ settings: { sync_mode: { mode: 'batched', interval_minutes: 15 } } });
      // The first tick runs the (empty) first batch and starts the interval.
      const firstBatchAt = (await stores.config.getWorkspace('acme'))?.status.last_batch_at;
      assert.equal(firstBatchAt, time.iso());
      await receive(...burst(30));
      await advance(minutes(14));
      assert.equal(crm.calls.length, 0);
      await advance(minutes(1));
      assert.deepEqual(crm.calls, [{ objectType: 'contact', size: 30 }]);
      assert.equal((await stores.config.getWorkspace('acme'))?.status.last_batch_at, time.iso());
    });
  });

  describe('manual', () => {
    it('never runs on its own', async () => {
      const { crm, receive, advance } = await startHarness({ settings: { sync_mode: { mode: 'manual' } }, options: { tickMs: 60_000 } });
      await receive(...burst(3));
      await advance(minutes(24 * 60));
      assert.equal(crm.calls.length, 0);
    });

    it('pushes everything pending on Sync Now and reports the counts', async () => {
      const { crm, receive, worker } = await startHarness({ settings: { sync_mode: { mode: 'manual' } }, options: { maxBatchSize: 2 } });
      await receive(...burst(5));
      const progress: number[] = [];
      const result = await worker.syncNow('acme', (p) => progress.push(p.pushed));
      assert.deepEqual({ ...result, results: result.results.length }, { pushed: 5, skipped: 0, failed: 0, remaining: 0, results: 5 });
      assert.deepEqual(progress, [2, 4, 5]);
      assert.equal(crm.recordsOf('contact').length, 5);
    });
  });

  it('runs Sync Now in real-time mode too, without waiting for the window', async () => {
    const { receive, worker } = await startHarness({ options: { coalesceMs: 60_000 } });
    await receive(leadCreated('evt_1', 'lead_1'));
    const result = await worker.syncNow('acme');
    assert.deepEqual(result.results, [{ event_id: 'evt_1', lead_id: 'lead_1', status: 'synced' }]);
  });

  it('applies a mode change at the next tick', async () => {
    const { crm, receive, advance, stores } = await startHarness({ settings: { sync_mode: { mode: 'manual' } } });
    await receive(leadCreated('evt_1', 'lead_1'));
    const workspace = await stores.config.getWorkspace('acme');
    assert.ok(workspace);
    await stores.config.saveWorkspace({ ...workspace, settings: { ...workspace.settings, sync_mode: { mode: 'realtime' } } });
    await advance(5_000);
    assert.equal(crm.recordsOf('contact').length, 1);
  });
});
