import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../shared/src';
import { createHubspotAdapter } from '../../shared/src/adapters/hubspot/index';
import { StandardWebhook } from '../../shared/src/webhooks/standard-webhook';
import { startSandbox } from '../../sandbox-crm/src/index';
import type { RunningSandbox } from '../../sandbox-crm/src/index';
import { createSecretBox } from '../../relay/src/crypto';
import { createMissingProperties } from '../../relay/src/services/crm-catalog';
import { ensureDefaultWorkspace } from '../../relay/src/services/default-workspace';
import { openPostgresStores } from '../../relay/src/stores/postgres';
import type { PostgresStores } from '../../relay/src/stores/postgres';
import { sharedCrmLimits } from '../../relay/src/stores/postgres/coordination';
import { loadEvent } from '../fixtures/events/load-event';
import { assertPostgresReachable, dropSchema, freshSchema, testDatabaseUrl } from '../relay/stores/postgres-harness';
import { startInstance } from './support/instances';
import type { RelayInstance } from './support/instances';

const apiKey = 'sk_scale_test_0123456789abcdefghijkl';
const webhookSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const encryptionKey = Buffer.alloc(32, 9).toString('base64');
const leads = 60;

/** A burst: a lead.created per lead, and a lead.updated for every third lead right behind it (per-lead order). */
function burst(): Array<{ id: string; body: string }> {
  const events = [];
  for (let i = 0; i < leads; i += 1) {
    // Distinct names: leads sharing the fixture's one name hit a dedup/batch issue unrelated to scaling (see the report).
    const lead = { id: `lead-${i}`, name: `Scale Person${i}`, email: `lead-${i}@scale.example.com`, company: { name: `Company ${i}` } };
    events.push(loadEvent('lead.created', lead), ...(i % 3 === 0 ? [loadEvent('lead.updated', { ...lead, title: 'Head of Sales' })] : []));
  }
  return events.map((event, index) => {
    const withId = { ...event, id: `evt-scale-${index}` };
    return { id: withId.id, body: JSON.stringify(withId) };
  });
}

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('three relay instances on one PostgreSQL and one sandbox CRM', function () {
  this.timeout(90_000);
  const schema = freshSchema('relay_scale');
  const dataDir = mkdtempSync(join(tmpdir(), 'relay-scale-'));
  let sandbox: RunningSandbox;
  let stores: PostgresStores;
  let instances: RelayInstance[] = [];

  before(async () => {
    await assertPostgresReachable();
    // HubSpot Starter's budget: 100 calls per 10 s for the portal, whichever instance calls.
    sandbox = await startSandbox({ config: { hubspot: { rateLimit: { perTenSeconds: 100 } } } });
    stores = await openPostgresStores({ url: testDatabaseUrl, schema });
    const connection = { provider: 'hubspot' as const, auth: 'private_app' as const, access_token: 'scale-test-token', base_url: sandbox.url, rate_limit_per_10s: 100 };
    const { workspace } = await ensureDefaultWorkspace(
      { config: stores.config, secrets: createSecretBox(encryptionKey), clock: systemClock },
      { apiKey, webhookSecret, crm: connection },
    );
    // The sandbox starts with HubSpot's standard fields; the calls that add ours draw from the same shared budget.
    const setup = createHubspotAdapter({ connection, registry: sharedCrmLimits(stores.database, systemClock).hubspotRegistry });
    await createMissingProperties(setup, workspace);
    const env = {
      DATABASE_URL: testDatabaseUrl,
      DATABASE_SCHEMA: schema,
      DATABASE_LEASE_SECONDS: '3',
      ENCRYPTION_KEY: encryptionKey,
      RELAY_API_KEY: apiKey,
      WEBHOOK_SECRET: webhookSecret,
      SANDBOX: 'off',
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.SCALE_TEST_LOGS ? 'debug' : 'silent',
    };
    instances = await Promise.all([1, 2, 3].map(() => startInstance(env)));
  });

  after(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await sandbox?.close();
    await stores?.close();
    await dropSchema(schema);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('syncs every event of a burst exactly once within one shared rate budget, though one instance is killed mid-run', async () => {
    // Every instance reaches the database: ready for the load balancer.
    for (const instance of instances) assert.equal((await fetch(`${instance.url}/ready`)).status, 200);
    const events = burst();
    const webhook = new StandardWebhook(webhookSecret);
    // Round robin over the instances like a load balancer, one event every 50 ms: many small batches, so
    // the instances together want more calls than the portal's 10-second budget allows.
    for (const [index, event] of events.entries()) {
      const target = instances[index % instances.length]!;
      const res = await fetch(`${target.url}/v1/workspaces/default/webhooks/synaptiq`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...webhook.headers(event.id, event.body) },
        body: event.body,
      });
      assert.equal(res.status, 202, await res.text());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const synced = async () => (await stores.events.countByStatus('default')).synced;
    await until(async () => (await synced()) >= events.length / 4, 60_000, 'a quarter of the burst to sync');
    // SIGKILL while the instances wait on the shared budget: the killed one holds claimed events it never finishes.
    const syncedAtKill = await synced();
    instances[1]!.kill();
    await until(async () => (await synced()) === events.length, 60_000, 'the whole burst to sync after the crash');

    assert.ok(syncedAtKill < events.length, 'the instance was killed after the work was done');
    const counts = await stores.events.countByStatus('default');
    assert.deepEqual(counts, { pending: 0, processing: 0, synced: events.length, skipped: 0, failed: 0, dead: 0 });
    const crm = sandbox.inspect();
    // Exactly once in the CRM: one contact per lead, however the work was split and taken over.
    assert.equal(crm.records.hubspot.contacts, leads);
    // The burst needed more than one window's budget, and the instances together never went over it.
    assert.ok(crm.totals.hubspot > 100, `only ${crm.totals.hubspot} HubSpot calls: the burst did not press the budget`);
    assert.equal(crm.rateLimited.hubspotTenSecondly, 0);
    assert.equal(crm.statuses['hubspot 429'], undefined);
  });
});
