import assert from 'node:assert/strict';
import type { Clock } from '@synaptiq/shared';
import { createMemoryStores, pruneOlderThan, startRetention } from '../../../relay/src/stores/index';
import type { PruneResult } from '../../../relay/src/stores/index';
import { MemoryEventStore } from '../../../relay/src/stores/memory/index';
import { at, leadEvent, logEntry } from './fixtures';

const dayMinutes = 24 * 60;
/** Ten days after the fixture epoch. */
const clock: Clock = { now: () => Date.parse(at(10 * dayMinutes)) };

async function storesWithHistory() {
  const stores = createMemoryStores();
  for (const [id, day] of [['old', 1], ['recent', 8]] as const) {
    await stores.events.append('acme', leadEvent(id, `lead-${id}`), at(day * dayMinutes));
    await stores.syncLog.append([logEntry(`log-${id}`, 'acme', { at: at(day * dayMinutes) })]);
  }
  await stores.events.claim({ workspaceIds: ['acme'], now: at(9 * dayMinutes), limit: 10, leaseUntil: at(9 * dayMinutes + 5) });
  await stores.events.complete('acme', ['old', 'recent'], 'synced', at(9 * dayMinutes));
  return stores;
}

describe('retention', () => {
  it('prunes ended events and log entries older than maxAgeDays and reports the cutoff', async () => {
    const stores = await storesWithHistory();
    const result = await pruneOlderThan(stores, 7, clock);
    assert.deepEqual(result, { before: at(3 * dayMinutes), events: 1, syncLog: 1 });
    assert.equal(await stores.events.get('acme', 'old'), undefined);
    assert.equal((await stores.events.get('acme', 'recent'))?.status, 'synced');
  });

  it('prunes once as soon as it starts and reports what it deleted', async () => {
    const stores = await storesWithHistory();
    const firstRun = new Promise<PruneResult>((resolve) => {
      const retention = startRetention({ stores, maxAgeDays: 7, clock, intervalMs: 3_600_000, onPruned: resolve });
      retention.stop();
    });
    assert.deepEqual(await firstRun, { before: at(3 * dayMinutes), events: 1, syncLog: 1 });
  });

  it('reports a failed run to onError instead of crashing the process', async () => {
    const failure = new Error('disk full');
    class FailingEventStore extends MemoryEventStore {
      override prune(): Promise<number> {
        return Promise.reject(failure);
      }
    }
    const reported = new Promise<unknown>((resolve) => {
      const retention = startRetention({
        stores: { events: new FailingEventStore(), syncLog: createMemoryStores().syncLog },
        maxAgeDays: 7,
        clock,
        onError: resolve,
      });
      retention.stop();
    });
    assert.equal(await reported, failure);
  });

  for (const maxAgeDays of [0, -1, Number.NaN]) {
    it(`refuses maxAgeDays = ${maxAgeDays}`, () => {
      assert.throws(() => startRetention({ stores: createMemoryStores(), maxAgeDays, clock }), RangeError);
    });
  }
});
