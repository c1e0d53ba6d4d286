import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@synaptiq/shared';
import { MemoryEventStore } from '../../../relay/src/stores/memory';
import { openSqliteStores } from '../../../relay/src/stores/sqlite';
import type { LeaseExpiringEventStore } from '../../../relay/src/worker';
import { at, leadEvent, transientError } from './fixtures';

interface Opened {
  events: LeaseExpiringEventStore;
  close(): Promise<void>;
}

const kinds: Array<{ name: string; open(): Promise<Opened> }> = [
  { name: 'memory', open: async () => ({ events: new MemoryEventStore(), close: async () => undefined }) },
  {
    name: 'SQLite',
    open: async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'expire-leases-'));
      const sqlite = openSqliteStores(dataDir);
      return { events: sqlite.events, close: async () => { await sqlite.close(); await rm(dataDir, { recursive: true, force: true }); } };
    },
  },
];

const claimAll = (events: EventStore, now: string, leaseUntil: string) => events.claim({ workspaceIds: ['acme'], now, limit: 10, leaseUntil });

for (const kind of kinds) {
  describe(`expireLeases on the ${kind.name} event store`, () => {
    let opened: Opened;
    beforeEach(async () => {
      opened = await kind.open();
    });
    afterEach(() => opened.close());

    it('makes events claimed under a running lease claimable at once, counting the attempt the dead claim made', async () => {
      const { events } = opened;
      for (const id of ['e1', 'e2']) await events.append('acme', leadEvent(id, `lead_${id}`), at(0));
      await claimAll(events, at(0), at(2));
      assert.deepEqual(await claimAll(events, at(1), at(3)), []);
      assert.equal(await events.expireLeases(at(1)), 2);
      const reclaimed = await claimAll(events, at(1), at(3));
      assert.deepEqual(reclaimed.map((event) => [event.event_id, event.status, event.attempts]), [['e1', 'processing', 2], ['e2', 'processing', 2]]);
    });

    it('leaves pending, failed and ended events and already expired leases alone', async () => {
      const { events } = opened;
      for (const id of ['e1', 'e2', 'e3', 'e4']) await events.append('acme', leadEvent(id, `lead_${id}`), at(0));
      await events.claim({ workspaceIds: ['acme'], now: at(0), limit: 3, leaseUntil: at(1) });
      await events.fail('acme', 'e1', transientError, at(30), at(0));
      await events.complete('acme', ['e2'], 'synced', at(0));
      // e3 is processing with a lease that ran out at minute 1; e4 was never claimed.
      assert.equal(await events.expireLeases(at(5)), 0);
      const statuses = await Promise.all(['e1', 'e2', 'e3', 'e4'].map(async (id) => (await events.get('acme', id))?.status));
      assert.deepEqual(statuses, ['failed', 'synced', 'processing', 'pending']);
      assert.equal((await events.get('acme', 'e1'))?.next_attempt_at, at(30));
    });
  });
}
