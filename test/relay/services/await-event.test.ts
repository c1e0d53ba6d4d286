import assert from 'node:assert/strict';
import type { EventStatus, EventStore, StoredEvent } from '@synaptiq/shared';
import { awaitEvent } from '../../../relay/src/services/await-event';

/** An event store whose event goes through the given statuses, one per read. */
function storeThrough(statuses: Array<EventStatus | undefined>): Pick<EventStore, 'get'> & { reads: number } {
  const store = {
    reads: 0,
    async get() {
      const status = statuses[Math.min(store.reads, statuses.length - 1)];
      store.reads += 1;
      return status === undefined ? undefined : ({ status } as StoredEvent);
    },
  };
  return store;
}

describe('awaitEvent', () => {
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };
  beforeEach(() => sleeps.splice(0));

  it('returns as soon as the event finished', async () => {
    const store = storeThrough(['pending', 'processing', 'synced']);
    assert.equal(await awaitEvent(store, 'acme', 'evt_1', { timeoutMs: 1_000, pollMs: 100, sleep }), 'synced');
    assert.deepEqual(sleeps, [100, 100]);
  });

  it('gives up after timeoutMs of polling and says where the event is', async () => {
    const store = storeThrough(['pending']);
    assert.equal(await awaitEvent(store, 'acme', 'evt_1', { timeoutMs: 300, pollMs: 100, sleep }), 'pending');
    assert.equal(sleeps.length, 3);
  });

  it('returns undefined at once for an event that does not exist', async () => {
    assert.equal(await awaitEvent(storeThrough([undefined]), 'acme', 'evt_x', { timeoutMs: 300, pollMs: 100, sleep }), undefined);
    assert.deepEqual(sleeps, []);
  });
});
