/**
 * CRM call-efficiency benchmark: npm run bench:crm [-- --json] [-- --leads N]
 * Syncs N leads (default 1,000), each a qualified conversation (company, contact, deal, note), through the
 * core's batch path (syncBatch → the real HubSpot / Salesforce adapter on the unmodified SDK → the sandbox CRM)
 * and counts the API calls the sandbox received, per endpoint. Two batch sizes: every lead in one syncBatch
 * call (the relay's largest batch), and 100 per call (the relay's default worker batch).
 */
import { decideDuplicate, requiredCustomProperties, syncBatch, workspaceSettingsSchema, type CrmAdapter, type WorkspaceSettings } from '@synaptiq/shared';
import { createHubspotAdapter, HubspotPortalRegistry } from '@synaptiq/shared/adapters/hubspot/index';
import { createSalesforceAdapter } from '@synaptiq/shared/adapters/salesforce/index';
import { startSandbox, type RunningSandbox } from '@synaptiq/sandbox-crm';
import { sandboxConnection } from '../relay/src/crm/crm-factory';
import { createMemoryStores } from '../relay/src/stores';
import { benchEvent } from './support/leads';
import { parseArgs, printJsonLine, printTable, printTargets, type TargetCheck } from './support/report';

type Provider = 'hubspot' | 'salesforce';

const targets: Record<Provider, number> = { hubspot: 60, salesforce: 40 };
const floors: Record<Provider, number> = { hubspot: 50, salesforce: 30 };
const sandboxToken = 'bench-sandbox-token';

const settingsFor: Record<Provider, WorkspaceSettings> = {
  hubspot: workspaceSettingsSchema.parse({ crm: 'hubspot' }),
  // Opportunity on qualification, so a qualified conversation writes the same four objects in both CRMs.
  salesforce: workspaceSettingsSchema.parse({
    crm: 'salesforce',
    deal_creation: { pipeline: 'Opportunity Stages', initial_stage: 'Qualification' },
    salesforce: { person_object: 'Lead', opportunity_on: 'qualified' },
  }),
};

function adapterFor(provider: Provider, sandbox: RunningSandbox): CrmAdapter {
  const connection = sandboxConnection(provider, { url: sandbox.url, token: sandboxToken });
  if (provider === 'hubspot') return createHubspotAdapter({ connection, registry: new HubspotPortalRegistry() });
  return createSalesforceAdapter({ connection, instanceUrl: sandbox.url, personObject: 'Lead' });
}

interface RunFigures {
  provider: Provider;
  leads: number;
  batchSize: number;
  calls: number;
  setupCalls: number;
  byEndpoint: Record<string, number>;
  rateLimited: number;
  failedOperations: number;
  records: Record<string, number>;
  seconds: number;
}

const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((total, n) => total + n, 0);
const diff = (after: Record<string, number>, before: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(after).flatMap(([key, n]) => (n - (before[key] ?? 0) > 0 ? [[key, n - (before[key] ?? 0)]] : [])));

async function run(sandbox: RunningSandbox, provider: Provider, leads: number, batchSize: number): Promise<RunFigures> {
  sandbox.reset();
  const crm = adapterFor(provider, sandbox);
  const settings = settingsFor[provider];
  // Setup a user does once ("Create in CRM"), counted apart from the sync.
  for (const { objectType, ...definition } of requiredCustomProperties(provider, settings)) await crm.createProperty(objectType, definition);
  const setup = sandbox.inspect();
  const { links } = createMemoryStores();
  const events = Array.from({ length: leads }, (_, n) => benchEvent(n, 'conversation.completed', 'crm'));

  const started = performance.now();
  let failedOperations = 0;
  let ownerCursor = 0;
  for (let from = 0; from < events.length; from += batchSize) {
    const result = await syncBatch({
      workspaceId: 'ws_bench',
      events: events.slice(from, from + batchSize),
      settings,
      crm,
      links,
      decide: decideDuplicate,
      now: new Date().toISOString(),
      ownerCursor,
    });
    ownerCursor = result.ownerCursor;
    failedOperations += result.results.filter((r) => r.status === 'failed').length;
  }
  const seconds = (performance.now() - started) / 1000;
  const after = sandbox.inspect();
  const byEndpoint = diff(after.calls, setup.calls);
  return {
    provider,
    leads,
    batchSize,
    calls: sum(byEndpoint),
    setupCalls: sum(setup.calls),
    byEndpoint,
    rateLimited: sum(after.rateLimited) - sum(setup.rateLimited),
    failedOperations,
    records: after.records[provider],
    seconds,
  };
}

async function main(): Promise<void> {
  const args = parseArgs();
  const leads = args.number('leads', 1000);
  const batchSizes = [...new Set([leads, Math.min(100, leads)])];
  // Professional tier: the 10-second budget (190) is not what is measured here; the adapters pace themselves anyway.
  const sandbox = await startSandbox({ port: 0, config: { hubspot: { tier: 'professional' } } });
  const runs: RunFigures[] = [];
  try {
    for (const provider of ['hubspot', 'salesforce'] as const) {
      for (const batchSize of batchSizes) {
        if (!args.json) process.stderr.write(`${provider}: ${leads} leads, ${batchSize} per syncBatch…\n`);
        runs.push(await run(sandbox, provider, leads, batchSize));
      }
    }
  } finally {
    await sandbox.close();
  }

  printTable(`CRM calls for ${leads} leads (company, contact, deal, note each)`, runs.map((r) => ({
    crm: r.provider,
    'leads per syncBatch': r.batchSize,
    'API calls': r.calls,
    'calls per lead': r.calls / r.leads,
    target: leads === 1000 ? `≤ ${targets[r.provider]}` : '',
    '429/403 limits': r.rateLimited,
    'failed ops': r.failedOperations,
    records: Object.entries(r.records).filter(([, n]) => n > 0).map(([type, n]) => `${type} ${n}`).join(', '),
    seconds: r.seconds,
    'setup calls': r.setupCalls,
  })));
  for (const r of runs) {
    printTable(`${r.provider}, ${r.batchSize} leads per syncBatch: calls by endpoint`, Object.entries(r.byEndpoint).sort(([, a], [, b]) => b - a).map(([endpoint, calls]) => ({ endpoint, calls })));
  }

  const checks: TargetCheck[] = runs
    .filter((r) => r.batchSize === leads && leads === 1000)
    .map((r) => ({ name: `${r.provider} calls for 1,000 leads`, target: `≤ ${targets[r.provider]} (floor ~${floors[r.provider]})`, measured: r.calls, met: r.calls <= targets[r.provider] && r.failedOperations === 0 }));
  printTargets(checks);
  if (args.json) printJsonLine('crm', { leads, runs }, checks);
}

await main();
