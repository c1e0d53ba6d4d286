import assert from 'node:assert/strict';
import { systemClock } from '../../../shared/src';
import { buildWorkspace } from '../worker/support/builders';
import type { PostgresDatabase } from '../../../relay/src/stores/postgres';
import { PostgresConfigStore } from '../../../relay/src/stores/postgres/postgres-config-store';
import { batchScheduleClaimer, SharedRateLimiter } from '../../../relay/src/stores/postgres/coordination';
import { freshSchema, twoInstances } from './postgres-harness';

/** A sleep that records what it was asked to wait and never returns: a waiting caller stays visibly waiting. */
function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: (ms) => (waits.push(ms), new Promise<void>(() => undefined)) };
}

/** Polls until `done` holds (the grants go through the database: no fixed wait fits a loaded machine). */
async function eventually(done: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('PostgreSQL coordination between relay instances', function () {
  this.timeout(15_000);
  const schema = freshSchema('relay_coord');
  let one: PostgresDatabase;
  let two: PostgresDatabase;
  let close = async (): Promise<void> => undefined;

  before(async () => {
    ({ one, two, close } = await twoInstances(schema));
  });

  after(() => close());

  describe('SharedRateLimiter', () => {
    const limiter = (db: PostgresDatabase, budgetKey: string, sleep: (ms: number) => Promise<void>) =>
      new SharedRateLimiter({ db, budgetKey, limit: 3, windowMs: 60_000, clock: systemClock, sleep });

    it('grants one budget to all instances together: the call past it waits for the window', async () => {
      const a = recordingSleep();
      const b = recordingSleep();
      const onA = limiter(one, 'portal-1', a.sleep);
      const onB = limiter(two, 'portal-1', b.sleep);
      let granted = 0;
      const count = () => void (granted += 1);
      for (const call of [onA, onB, onA, onB]) void call.acquire().then(count);
      await eventually(() => granted + a.waits.length + b.waits.length === 4, 'every call was granted or told to wait');
      assert.equal(granted, 3);
      const waits = [...a.waits, ...b.waits];
      assert.equal(waits.length, 1);
      assert.ok(waits[0]! > 50_000, `waits ${waits[0]} ms, expected about the rest of the 60 s window`);
    });

    it('keeps budgets of different accounts apart', async () => {
      const sleep = recordingSleep();
      await Promise.all([1, 2, 3].map(() => limiter(one, 'portal-2', sleep.sleep).acquire()));
      await limiter(two, 'portal-3', sleep.sleep).acquire();
      assert.deepEqual(sleep.waits, []);
    });

    it("holds every instance's callers after one of them was told to back off (429 Retry-After)", async () => {
      limiter(one, 'portal-4', recordingSleep().sleep).pauseUntil(Date.now() + 30_000);
      await eventually(async () => (await two.rows(`SELECT 1 FROM rate_pauses WHERE budget_key = 'portal-4'`)).length === 1, 'the pause is stored');
      const other = recordingSleep();
      void limiter(two, 'portal-4', other.sleep).acquire();
      await eventually(() => other.waits.length > 0, 'the other instance waits');
      assert.equal(other.waits.length, 1);
      assert.ok(other.waits[0]! > 20_000);
    });
  });

  describe('batch schedule', () => {
    it('lets exactly one of several instances fire a due schedule, and none fire it again before the interval', async () => {
      const config = new PostgresConfigStore(one);
      await config.saveWorkspace(buildWorkspace('sched', { sync_mode: { mode: 'batched', interval_minutes: 15 } }));
      const seen = await config.getWorkspace('sched');
      const firedAt = new Date().toISOString();
      const results = await Promise.all([one, two, one, two].map((db) => batchScheduleClaimer(db)(seen!, firedAt)));
      assert.deepEqual(results.filter(Boolean).length, 1);
      const after = await config.getWorkspace('sched');
      assert.equal(after?.status.last_batch_at, firedAt);
      assert.equal(await batchScheduleClaimer(two)(after!, new Date(Date.parse(firedAt) + 60_000).toISOString()), false);
      assert.equal(await batchScheduleClaimer(two)(after!, new Date(Date.parse(firedAt) + 15 * 60_000).toISOString()), true);
    });

    it('never moves last_batch_at back when a copy read before a run is saved after it', async () => {
      const config = new PostgresConfigStore(two);
      await config.saveWorkspace(buildWorkspace('stale', { sync_mode: { mode: 'batched', interval_minutes: 15 } }));
      const stale = await config.getWorkspace('stale');
      assert.equal(await batchScheduleClaimer(one)(stale!, '2026-11-26T10:00:00.000Z'), true);
      await config.saveWorkspace({ ...stale!, name: 'Renamed meanwhile' });
      const saved = await config.getWorkspace('stale');
      assert.equal(saved?.name, 'Renamed meanwhile');
      assert.equal(saved?.status.last_batch_at, '2026-11-26T10:00:00.000Z');
    });
  });
});
