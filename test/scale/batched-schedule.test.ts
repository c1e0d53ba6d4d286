import assert from 'node:assert/strict';
import { systemClock } from '../../shared/src';
import { openPostgresStores } from '../../relay/src/stores/postgres';
import type { PostgresStores } from '../../relay/src/stores/postgres';
import { batchScheduleClaimer } from '../../relay/src/stores/postgres/coordination';
import { createWorker } from '../../relay/src/worker';
import type { Worker } from '../../relay/src/worker';
import { assertPostgresReachable, dropSchema, freshSchema, testDatabaseUrl } from '../relay/stores/postgres-harness';
import { buildWorkspace, leadCreated } from '../relay/worker/support/builders';
import { FakeCrm } from '../relay/worker/support/fake-crm';
import { silentLogger } from '../relay/worker/support/harness';
import { stubSyncBatch } from '../relay/worker/support/stub-sync-batch';

const ws = 'batched-ws';

describe('the batched schedule with three instances on one PostgreSQL', function () {
  this.timeout(30_000);
  const schema = freshSchema('relay_schedule');
  const instances: Array<{ stores: PostgresStores; worker: Worker }> = [];
  let fired: string[] = [];

  before(assertPostgresReachable);

  after(async () => {
    for (const { worker, stores } of instances) {
      await worker.stop();
      await stores.close();
    }
    await dropSchema(schema);
  });

  it('fires once per due time: one instance runs the batch, the others see it done', async () => {
    const crm = new FakeCrm();
    for (const name of ['a', 'b', 'c']) {
      // Each instance has its own pool, ticks on its own and claims the schedule through the database.
      const stores = await openPostgresStores({ url: testDatabaseUrl, schema, applicationName: `instance-${name}` });
      const claim = batchScheduleClaimer(stores.database);
      const worker = createWorker({
        stores,
        crmFor: async () => crm,
        clock: systemClock,
        logger: silentLogger,
        runBatch: stubSyncBatch,
        options: { tickMs: 20 },
        claimScheduledRun: async (workspace, firedAt) => {
          const won = await claim(workspace, firedAt);
          if (won) fired.push(name);
          return won;
        },
      });
      instances.push({ stores, worker });
    }
    const [first] = instances;
    await first!.stores.config.saveWorkspace(buildWorkspace(ws, { sync_mode: { mode: 'batched', interval_minutes: 60 } }));
    for (let i = 0; i < 12; i += 1) await first!.stores.events.append(ws, leadCreated(`e${i}`, `lead-${i}`), new Date().toISOString());
    fired = [];

    for (const { worker } of instances) worker.start();
    const deadline = Date.now() + 10_000;
    while ((await first!.stores.events.countByStatus(ws)).synced < 12 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    // Every instance ticks many more times meanwhile; none may fire the same schedule again.
    await new Promise((resolve) => setTimeout(resolve, 500));

    assert.equal((await first!.stores.events.countByStatus(ws)).synced, 12);
    assert.equal(fired.length, 1, `fired by ${fired.join(', ')}`);
    assert.notEqual((await first!.stores.config.getWorkspace(ws))?.status.last_batch_at, null);
  });
});
