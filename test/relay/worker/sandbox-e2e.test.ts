import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { systemClock } from '@synaptiq/shared';
import type { CrmProvider, SynaptiqEvent, WorkspaceSettingsInput } from '@synaptiq/shared';
import { startSandbox } from '../../../sandbox-crm/src/index';
import type { RunningSandbox } from '../../../sandbox-crm/src/index';
import { createCrmFactory } from '../../../relay/src/crm/crm-factory';
import { createSecretBox } from '../../../relay/src/crypto';
import { createMissingProperties } from '../../../relay/src/services/crm-catalog';
import { realAdapterBuilders } from '../../../relay/src/services/crm-adapters';
import { coreBatchRunner } from '../../../relay/src/worker/core-batch-runner';
import { leadCreated, meetingBooked } from './support/builders';
import { silentLogger, startHarness } from './support/harness';
import { memoryStores } from './support/stores';

/** A lead's whole life: captured, qualified, talked to, booked. */
function leadLife(leadId: string): SynaptiqEvent[] {
  const captured = { ...leadCreated('unused', leadId).data.lead, score: 87 };
  const lead = { ...captured, qualification_status: 'qualified' as const, phone: '+44 20 7946 0958' };
  return [
    { id: `${leadId}_created`, type: 'lead.created', created_at: '2026-11-24T15:00:00Z', data: { lead: captured } },
    { id: `${leadId}_qualified`, type: 'lead.qualified', created_at: '2026-11-24T15:00:10Z', data: { lead } },
    {
      id: `${leadId}_conversation`,
      type: 'conversation.completed',
      created_at: '2026-11-24T15:00:20Z',
      data: { lead, conversation: { id: `conv_${leadId}`, summary: 'Wants a demo next week.', transcript: [{ role: 'lead', text: 'We lose leads.' }] } },
    },
    meetingBooked(`${leadId}_meeting`, leadId),
  ];
}

/** Salesforce's standard opportunity stages have no "Qualified Lead" (HubSpot's default name): pick one it has. */
const settingsFor = {
  hubspot: { crm: 'hubspot' },
  salesforce: { crm: 'salesforce', deal_creation: { initial_stage: 'Qualification' } },
} as const satisfies Record<CrmProvider, WorkspaceSettingsInput>;

for (const provider of ['hubspot', 'salesforce'] as const satisfies readonly CrmProvider[]) {
  describe(`sync worker end to end: sandbox ${provider} through the real SDK`, () => {
    let sandbox: RunningSandbox;
    before(async () => {
      sandbox = await startSandbox({ port: 0 });
    });
    after(async () => {
      await sandbox.close();
    });
    beforeEach(() => sandbox.reset());

    async function harness() {
      const stores = memoryStores();
      const box = createSecretBox(randomBytes(32));
      const factory = createCrmFactory({
        config: stores.config,
        secrets: { seal: (plain) => box.encrypt(plain), open: (sealed) => box.decrypt(sealed) },
        build: realAdapterBuilders({ clock: systemClock, logger: silentLogger, oauth: {}, sandboxUrl: sandbox.url }),
        // A token of its own per test: HubSpot rate limiters are shared process-wide per portal (url + token).
        sandbox: { url: sandbox.url, token: `sandbox-token-${randomUUID()}` },
        logger: silentLogger,
      });
      const started = await startHarness({ stores, settings: settingsFor[provider], runBatch: coreBatchRunner(), crmFor: (workspace) => factory.crmFor(workspace) });
      // What a user does once ("Create in CRM"): the sync's custom properties, such as the unique key companies upsert by.
      await createMissingProperties(await factory.crmFor(started.workspace), started.workspace);
      return started;
    }

    it('writes a lead\'s contact, company, deal, note and meeting in real-time mode', async () => {
      const { receive, advance, stores } = await harness();
      await receive(...leadLife('lead_1'));
      await advance(250);
      assert.deepEqual(await stores.events.countByStatus('acme'), { pending: 0, processing: 0, synced: 4, skipped: 0, failed: 0, dead: 0 });
      const written = new Set((await stores.syncLog.list('acme', { status: 'success' }, { limit: 100 })).items.map((entry) => entry.record_type));
      assert.deepEqual([...written].sort(), ['company', 'contact', 'deal', 'meeting', 'note']);
      const links = await stores.links.forLead('acme', 'lead_1');
      assert.ok(links.every((link) => link.crm_id !== ''));
    });

    it('sends a burst of 50 new leads in a handful of write calls', async () => {
      const { receive, advance, stores } = await harness();
      const before = sandbox.inspect().calls;
      await receive(...Array.from({ length: 50 }, (_, i) => leadCreated(`evt_${i}`, `lead_${i}`)));
      await advance(250);
      assert.equal((await stores.events.countByStatus('acme')).synced, 50);
      const calls = sandbox.inspect().calls;
      const writes = Object.entries(calls)
        .filter(([endpoint]) => /^(POST|PATCH) /.test(endpoint) && !/search|batch\/read|query|properties|describe/.test(endpoint))
        .reduce((sum, [endpoint, count]) => sum + count - (before[endpoint] ?? 0), 0);
      assert.ok(writes > 0 && writes <= 5, `${writes} write calls: ${JSON.stringify(calls)}`);
    });

    it('holds events for the batch interval in batched mode, then writes them together', async () => {
      const { receive, advance, stores } = await harness();
      const workspace = await stores.config.getWorkspace('acme');
      assert.ok(workspace);
      await stores.config.saveWorkspace({ ...workspace, settings: { ...workspace.settings, sync_mode: { mode: 'batched', interval_minutes: 15 } } });
      await advance(1_000);
      await receive(...leadLife('lead_1'));
      await advance(14 * 60_000);
      assert.equal((await stores.events.countByStatus('acme')).pending, 4);
      await advance(60_000);
      assert.equal((await stores.events.countByStatus('acme')).synced, 4);
    });

    it('pauses on a mapped field the CRM lacks and catches up once the mapping is fixed', async () => {
      const { receive, advance, stores } = await harness();
      const workspace = await stores.config.getWorkspace('acme');
      assert.ok(workspace);
      const mapping = (score: string | null) => ({ ...workspace.settings.field_mapping, contact: { ...workspace.settings.field_mapping.contact, synaptiq_lead_score: score } });
      await stores.config.saveWorkspace({ ...workspace, settings: { ...workspace.settings, field_mapping: mapping('no_such_field') } });
      await receive(...leadLife('lead_1'));
      await advance(250);
      const paused = await stores.config.getWorkspace('acme');
      assert.deepEqual([paused?.status.paused, paused?.status.reason?.code], [true, 'crm.invalid_property']);
      assert.equal((await stores.events.countByStatus('acme')).pending, 4);

      assert.ok(paused);
      await stores.config.saveWorkspace({ ...paused, settings: { ...paused.settings, field_mapping: mapping(null) } });
      await advance(1_000);
      assert.equal((await stores.config.getWorkspace('acme'))?.status.paused, false);
      assert.equal((await stores.events.countByStatus('acme')).synced, 4);
    });

    // The sandbox's HubSpot company industry is an enumeration, like HubSpot's own.
    if (provider === 'hubspot') {
      it('writes a company whose industry fits no HubSpot option without it, and says so in the sync log', async () => {
        const { receive, advance, stores } = await harness();
        const lead = { ...leadCreated('unused', 'lead_1').data.lead, company: { name: 'Analytical Engines Ltd', industry: 'Underwater Basket Weaving' } };
        await receive({ id: 'evt_industry', type: 'lead.created', created_at: '2026-11-24T15:00:00Z', data: { lead } });
        await advance(250);
        assert.equal((await stores.events.countByStatus('acme')).synced, 1);
        const [entry] = (await stores.syncLog.list('acme', { record_type: 'company' }, { limit: 10 })).items;
        assert.equal(entry?.status, 'success');
        assert.match(entry?.message ?? '', /written without industry\./);
        assert.match(entry?.message ?? '', /"Underwater Basket Weaving" is not one of HubSpot's options for Industry/);
        assert.match(entry?.message ?? '', /Field Mapping/);
        const companies = (await (await fetch(`${sandbox.url}/_sandbox/records/companies`)).json()) as { results: Array<{ properties: Record<string, unknown> }> };
        assert.deepEqual(companies.results.map((company) => [company.properties['name'], company.properties['industry'] ?? null]), [['Analytical Engines Ltd', null]]);
      });
    }

    it('pushes everything pending on Sync Now in manual mode', async () => {
      const { receive, stores, worker } = await harness();
      const workspace = await stores.config.getWorkspace('acme');
      assert.ok(workspace);
      await stores.config.saveWorkspace({ ...workspace, settings: { ...workspace.settings, sync_mode: { mode: 'manual' } } });
      await receive(...leadLife('lead_1'), ...leadLife('lead_2'));
      const result = await worker.syncNow('acme');
      assert.deepEqual([result.pushed, result.failed, result.remaining], [8, 0, 0]);
    });
  });
}
