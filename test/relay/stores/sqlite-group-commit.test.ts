import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { GroupCommit, maxGroupSize } from '../../../relay/src/stores/sqlite/group-commit';
import { databaseFileName, openSqliteStores } from '../../../relay/src/stores/sqlite';
import type { SqliteStores } from '../../../relay/src/stores/sqlite';
import { at, leadEvent } from './fixtures';

const ws = 'acme';

describe('SQLite group commit', () => {
  let dataDir: string;
  let stores: SqliteStores;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'relay-group-'));
    stores = openSqliteStores(dataDir);
  });

  afterEach(async () => {
    stores.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const reopen = (): SqliteStores => {
    stores.close();
    stores = openSqliteStores(dataDir);
    return stores;
  };

  /** An event id whose INSERT the database refuses, so the transaction of its group fails. */
  const refuseEventId = (eventId: string): void => {
    stores.close();
    const raw = new DatabaseSync(join(dataDir, databaseFileName));
    raw.exec(`CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.event_id = '${eventId}' BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    raw.close();
    stores = openSqliteStores(dataDir);
  };

  it('stores the event and its lead snapshot of many concurrent appendWithLead calls, after close and reopen', async () => {
    const results = await Promise.all(Array.from({ length: 600 }, (_, i) => stores.events.appendWithLead?.(ws, leadEvent(`e${i}`, `lead-${i}`), at(0))));
    assert.ok(results.every((result) => result?.inserted === true));
    reopen();
    assert.equal((await stores.events.countByStatus(ws)).pending, 600);
    assert.equal((await stores.leads.get(ws, 'lead-599'))?.lead.email, 'lead-599@example.com');
  });

  it('inserts a duplicate id within one group once and upserts its lead once', async () => {
    const results = await Promise.all([
      stores.events.appendWithLead?.(ws, leadEvent('e1', 'lead-1'), at(0)),
      stores.events.appendWithLead?.(ws, leadEvent('e1', 'lead-1'), at(1)),
    ]);
    assert.deepEqual(results, [{ inserted: true }, { inserted: false }]);
    assert.equal((await stores.leads.get(ws, 'lead-1'))?.updated_at, at(0));
  });

  it('does not upsert the lead of an event it had already stored', async () => {
    await stores.events.appendWithLead?.(ws, leadEvent('e1', 'lead-1'), at(0));
    await stores.events.appendWithLead?.(ws, leadEvent('e1', 'lead-1'), at(5));
    assert.equal((await stores.leads.get(ws, 'lead-1'))?.updated_at, at(0));
  });

  it('rejects every append of a group whose transaction failed, and stores none of them', async () => {
    refuseEventId('e-bad');
    const outcomes = await Promise.allSettled([
      stores.events.appendWithLead?.(ws, leadEvent('e1', 'lead-1'), at(0)),
      stores.events.append(ws, leadEvent('e-bad', 'lead-2'), at(0)),
      stores.events.appendWithLead?.(ws, leadEvent('e3', 'lead-3'), at(0)),
    ]);
    assert.deepEqual(outcomes.map((outcome) => outcome.status), ['rejected', 'rejected', 'rejected']);
    reopen();
    assert.equal((await stores.events.countByStatus(ws)).pending, 0);
    assert.equal(await stores.leads.get(ws, 'lead-1'), undefined);
  });

  it('commits the next group normally after a failed one', async () => {
    refuseEventId('e-bad');
    await assert.rejects(stores.events.append(ws, leadEvent('e-bad', 'lead-1'), at(0)), /refused/);
    assert.deepEqual(await stores.events.append(ws, leadEvent('e1', 'lead-1'), at(0)), { inserted: true });
  });

  it('rejects an invalid event alone, without failing the others of its group', async () => {
    const invalid = { ...leadEvent('e2', 'lead-2'), type: 'lead.exploded' } as unknown as ReturnType<typeof leadEvent>;
    const outcomes = await Promise.allSettled([stores.events.append(ws, leadEvent('e1', 'lead-1'), at(0)), stores.events.append(ws, invalid, at(0))]);
    assert.deepEqual(outcomes.map((outcome) => outcome.status), ['fulfilled', 'rejected']);
  });

  it('commits the appends still queued when the stores close', async () => {
    const pending = stores.events.append(ws, leadEvent('e1', 'lead-1'), at(0));
    reopen();
    assert.deepEqual(await pending, { inserted: true });
    assert.equal((await stores.events.get(ws, 'e1'))?.status, 'pending');
  });
});

describe('GroupCommit', () => {
  it(`runs the writes of one event-loop turn in transactions of at most ${maxGroupSize}`, async () => {
    const groups: number[] = [];
    let inGroup = 0;
    const commit = new GroupCommit((work) => {
      inGroup = 0;
      work();
      groups.push(inGroup);
    });
    const results = await Promise.all(Array.from({ length: maxGroupSize * 2 + 1 }, (_, i) => commit.write(() => (inGroup += 1, i))));
    assert.deepEqual(groups, [maxGroupSize, maxGroupSize, 1]);
    assert.deepEqual(results, Array.from({ length: maxGroupSize * 2 + 1 }, (_, i) => i));
  });

  it('settles each write only after its transaction returned', async () => {
    const log: string[] = [];
    const commit = new GroupCommit((work) => {
      work();
      log.push('commit');
    });
    await commit.write(() => log.push('write'));
    log.push('resolved');
    assert.deepEqual(log, ['write', 'commit', 'resolved']);
  });
});
