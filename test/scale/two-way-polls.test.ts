import assert from 'node:assert/strict';
import { createTwoWayPoller } from '../../relay/src/services/two-way';
import type { TwoWayPoller } from '../../relay/src/services/two-way';
import { openPostgresStores } from '../../relay/src/stores/postgres';
import type { PostgresStores } from '../../relay/src/stores/postgres';
import { twoWayPollClaimer } from '../../relay/src/stores/postgres/coordination';
import { assertPostgresReachable, dropSchema, freshSchema, testDatabaseUrl } from '../relay/stores/postgres-harness';
import { fixedClock, silentLogger } from '../relay/support/test-relay';
import { buildWorkspace } from '../relay/worker/support/builders';
import { FakeCrm } from '../relay/worker/support/fake-crm';

const ws = 'two-way-ws';
const minute = 60_000;
const intervalMinutes = 5;

interface Instance {
  stores: PostgresStores;
  poller: TwoWayPoller;
  /** CRM change reads this instance made (each poll reads contacts and deals). */
  crmReads: number;
}

describe('two-way sync polls with two instances on one PostgreSQL', function () {
  this.timeout(30_000);
  const schema = freshSchema('relay_two_way');
  const clock = fixedClock();
  let one: Instance;
  let two: Instance;

  async function openInstance(name: string): Promise<Instance> {
    // Each instance has its own pool and poller, and claims polls through the database.
    const stores = await openPostgresStores({ url: testDatabaseUrl, schema, applicationName: `instance-${name}` });
    const instance: Instance = { stores, crmReads: 0, poller: undefined as unknown as TwoWayPoller };
    const crm = new FakeCrm();
    crm.listChanges = async () => {
      instance.crmReads += 1;
      return { records: [], nextCursor: null };
    };
    instance.poller = createTwoWayPoller({ stores, crmFor: async () => crm, clock, logger: silentLogger, claimPoll: twoWayPollClaimer(stores.database) });
    return instance;
  }

  /** Both instances tick at the same moment; answers how many polls each one ran. */
  async function tickBoth(): Promise<[number, number]> {
    const [a, b] = await Promise.all([one.poller.tick(), two.poller.tick()]);
    return [a.length, b.length];
  }

  before(async () => {
    await assertPostgresReachable();
    one = await openInstance('one');
    two = await openInstance('two');
    const settings = { sync_direction: { direction: 'bidirectional' as const, pull_fields: ['phone' as const, 'deal_stage' as const], poll_interval_minutes: intervalMinutes } };
    await one.stores.config.saveWorkspace(buildWorkspace(ws, settings));
  });

  after(async () => {
    await Promise.all([one?.stores.close(), two?.stores.close()]);
    await dropSchema(schema);
  });

  it('polls a workspace once per interval in all, whichever instance wins each slot', async () => {
    const slots: Array<[number, number]> = [await tickBoth()];
    clock.advance(minute);
    slots.push(await tickBoth());
    clock.advance((intervalMinutes - 1) * minute);
    slots.push(await tickBoth());
    const total = (slot: [number, number]): number => slot[0] + slot[1];
    assert.deepEqual(slots.map(total), [1, 0, 1]);
    // Two polls of contacts and deals: the CRM was read four times, not eight.
    assert.equal(one.crmReads + two.crmReads, 4);
  });

  it('lets the other instance take the next slot when the one that polled is gone', async () => {
    clock.advance(intervalMinutes * minute);
    assert.equal((await two.poller.tick()).length, 1);
    assert.equal((await one.stores.config.getWorkspace(ws))?.status.two_way?.last_poll_at, new Date(clock.now()).toISOString());
  });

  it('refuses a second claim of the same slot however late it comes', async () => {
    const claim = twoWayPollClaimer(one.stores.database);
    const workspace = await one.stores.config.getWorkspace(ws);
    assert.ok(workspace);
    clock.advance(intervalMinutes * minute);
    const at = new Date(clock.now()).toISOString();
    const later = new Date(clock.now() + (intervalMinutes * minute) - 1).toISOString();
    assert.deepEqual([await claim(workspace, at), await claim(workspace, at), await claim(workspace, later)], [true, false, false]);
  });
});
