import assert from 'node:assert/strict';
import { systemClock } from '../../../shared/src';
import { migratePostgres, openPostgresStores } from '../../../relay/src/stores/postgres';
import type { PostgresStores } from '../../../relay/src/stores/postgres';
import { leadEvent } from './fixtures';
import { assertPostgresReachable, dropSchema, freshSchema, testDatabaseUrl } from './postgres-harness';

const ws = 'acme';
const leads = 30;
const perLead = 5;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL work queue: several instances claiming at once', function () {
  this.timeout(30_000);
  const schema = freshSchema('relay_queue');
  let instances: PostgresStores[] = [];

  before(async () => {
    await assertPostgresReachable();
    await migratePostgres({ url: testDatabaseUrl, schema });
    // Three pools: three relay instances as far as the database can tell.
    instances = await Promise.all([1, 2, 3].map((n) => openPostgresStores({ url: testDatabaseUrl, schema, applicationName: `claimer-${n}` })));
  });

  after(async () => {
    await Promise.all(instances.map((stores) => stores.close()));
    await dropSchema(schema);
  });

  it('hands each event out once, never two of one lead at once, and each lead in received order', async () => {
    const [first] = instances;
    for (let round = 0; round < perLead; round += 1) {
      for (let lead = 0; lead < leads; lead += 1) {
        await first!.events.append(ws, leadEvent(`e-${lead}-${round}`, `lead-${lead}`), new Date(Date.UTC(2026, 2, 1, 12, 0, round * leads + lead)).toISOString());
      }
    }
    const claims = new Map<string, number>();
    const inFlight = new Set<string>();
    const completedPerLead = new Map<string, string[]>();
    const overlaps: string[] = [];

    const claimer = async (stores: PostgresStores): Promise<void> => {
      for (let idle = 0; idle < 5; ) {
        const now = new Date().toISOString();
        const claimed = await stores.events.claim({ workspaceIds: [ws], now, limit: 7, leaseUntil: new Date(Date.now() + 60_000).toISOString() });
        if (claimed.length === 0) {
          idle += 1;
          await pause(20);
          continue;
        }
        idle = 0;
        for (const event of claimed) {
          claims.set(event.event_id, (claims.get(event.event_id) ?? 0) + 1);
          if (inFlight.has(event.lead_id)) overlaps.push(event.event_id);
          inFlight.add(event.lead_id);
        }
        await pause(Math.random() * 10);
        for (const event of claimed) {
          inFlight.delete(event.lead_id);
          completedPerLead.set(event.lead_id, [...(completedPerLead.get(event.lead_id) ?? []), event.event_id]);
        }
        await stores.events.complete(ws, claimed.map((event) => event.event_id), 'synced', new Date().toISOString());
      }
    };
    await Promise.all(instances.map(claimer));

    assert.deepEqual(overlaps, []);
    assert.equal(claims.size, leads * perLead);
    assert.ok([...claims.values()].every((count) => count === 1));
    for (let lead = 0; lead < leads; lead += 1) {
      const expected = Array.from({ length: perLead }, (_, round) => `e-${lead}-${round}`);
      assert.deepEqual(completedPerLead.get(`lead-${lead}`), expected);
    }
    assert.equal((await first!.events.countByStatus(ws)).synced, leads * perLead);
  });

  it('lets another instance take over the events of one that stopped renewing, once the lease ran out', async () => {
    const [a, b] = instances;
    await a!.events.append(ws, leadEvent('crash-1', 'crash-lead'), new Date().toISOString());
    const leaseUntil = new Date(Date.now() + 2_000).toISOString();
    assert.equal((await a!.events.claim({ workspaceIds: [ws], now: new Date().toISOString(), limit: 10, leaseUntil })).length, 1);
    assert.deepEqual(await b!.events.claim({ workspaceIds: [ws], now: new Date().toISOString(), limit: 10, leaseUntil }), []);
    await pause(2_100);
    const taken = await b!.events.claim({ workspaceIds: [ws], now: new Date().toISOString(), limit: 10, leaseUntil: new Date(Date.now() + 60_000).toISOString() });
    assert.deepEqual(taken.map((event) => [event.event_id, event.attempts]), [['crash-1', 2]]);
  });

  it('keeps renewing the lease of events an instance is working on, and stops when the instance dies', async () => {
    const [, b] = instances;
    const live = await openPostgresStores({ url: testDatabaseUrl, schema, leaseRenewal: { everyMs: 200, clock: systemClock } });
    try {
      await live.events.append(ws, leadEvent('slow-1', 'slow-lead'), new Date().toISOString());
      const claim = (stores: PostgresStores, leaseMs: number) =>
        stores.events.claim({ workspaceIds: [ws], now: new Date().toISOString(), limit: 10, leaseUntil: new Date(Date.now() + leaseMs).toISOString() });
      assert.equal((await claim(live, 1_000)).length, 1);
      // Well past the 1 s lease, the live instance still holds its event.
      await pause(2_000);
      assert.deepEqual(await claim(b!, 60_000), []);
      live.events.stopRenewing();
      await pause(1_200);
      assert.deepEqual((await claim(b!, 60_000)).map((event) => event.event_id), ['slow-1']);
    } finally {
      await live.close();
    }
  });

  it('merges concurrent snapshots of one lead from several instances without losing any field', async () => {
    const writes = Array.from({ length: 24 }, (_, i) =>
      instances[i % instances.length]!.leads.upsert(ws, { id: 'busy-lead', name: 'Busy Lead', custom_fields: { [`field_${i}`]: `value ${i}` } }, new Date().toISOString()),
    );
    await Promise.all(writes);
    const merged = await instances[0]!.leads.get(ws, 'busy-lead');
    assert.equal(Object.keys(merged?.lead.custom_fields ?? {}).length, 24);
  });
});
