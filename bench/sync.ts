/**
 * End-to-end sync benchmark: npm run bench:sync [-- --json] [-- --leads N] [-- --crm hubspot|salesforce] [-- --backlog]
 * N leads (default 10,000), each created, qualified, a conversation and a meeting (4 events), sent signed to the
 * relay (a child process, durable stores, real-time mode) and synced into a sandbox CRM with HubSpot Starter
 * limits (100 calls per 10 s, search 5/s). The sandbox runs here, outside the relay, like a real CRM. Reports
 * CRM calls per lead, 429s, time to drain against the rate limit's lower bound, and, on the idle relay
 * afterwards, the latency from webhook to CRM write. With --backlog the events are all stored first (manual
 * sync) and the drain is timed from switching real-time mode on, so it measures the worker against the CRM's
 * limits alone, not the ingest rate.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HUBSPOT_TIERS, startSandbox, type RunningSandbox, type StatsSnapshot } from '@synaptiq/sandbox-crm';
import { StandardWebhook } from '@synaptiq/shared/webhooks/standard-webhook';
import type { CrmProvider } from '@synaptiq/shared';
import { prepareCrmWorkspace } from './support/crm-workspace';
import { benchLead, leadLifecycle } from './support/leads';
import { RelayApi, waitForDrain } from './support/relay-api';
import { newCredentials, removeDataDir, startRelayChild } from './support/relay-child';
import { parseArgs, percentile, printJsonLine, printTable, printTargets, type TargetCheck } from './support/report';
import { sendAll } from './support/sender';
import { signBenchEvent } from './support/signed-pool';

/** HubSpot search has its own bucket (5/s) that does not count toward the 10-second budget. */
const searchPerSecond = 5;
/** The relay paces Salesforce at the connection's budget (110 per 10 s): Salesforce itself has only a daily allocation. */
const salesforcePacePer10s = 110;

interface ModeFigures {
  crm: CrmProvider;
  leads: number;
  events: number;
  ingestSeconds: number;
  drainSeconds: number;
  calls: number;
  searchCalls: number;
  callsPerLead: number;
  received429: number;
  lowerBoundSeconds: number;
  drainRatio: number;
  statuses: Record<string, number>;
  records: Record<string, number>;
  latency: { samples: number; p50Ms: number; p95Ms: number; maxMs: number };
  /** CrmAdapter calls the relay made, by operation (one may be several API calls, or none when cached). */
  adapterOperations: Record<string, number>;
  ledger: { sent: number; acknowledged: number; rejected: number; undelivered: number };
}

/** The least time `calls` calls take under a rolling window of `budget` calls per `windowSeconds`. */
const rollingWindowSeconds = (calls: number, budget: number, windowSeconds: number): number => (calls <= 0 ? 0 : Math.floor((calls - 1) / budget) * windowSeconds);
const sum = (values: Record<string, number>) => Object.values(values).reduce((total, n) => total + n, 0);
const isSearch = (endpoint: string) => endpoint.endsWith('/search');
const count429 = (stats: StatsSnapshot) => Object.entries(stats.statuses).filter(([key]) => key.endsWith(' 429')).reduce((n, [, v]) => n + v, 0);

/** Emails of the people the sandbox holds, to see the moment a lead's contact is written. */
function peopleEmails(sandbox: RunningSandbox, crm: CrmProvider): Set<string> {
  const emails = new Set<string>();
  if (crm === 'hubspot') {
    for (const record of sandbox.state.hubspot.recordsOf('contacts').values()) if (record.properties.email) emails.add(record.properties.email.toLowerCase());
  } else {
    for (const record of sandbox.state.salesforce.records.get('Lead')?.values() ?? []) {
      const email = record.fields.Email;
      if (typeof email === 'string') emails.add(email.toLowerCase());
    }
  }
  return emails;
}

async function runMode(crm: CrmProvider, leads: number, latencySamples: number, backlog: boolean, progress: (line: string) => void): Promise<ModeFigures> {
  const sandbox = await startSandbox({ port: 0, config: { hubspot: { tier: 'starter' } } });
  const dataDir = mkdtempSync(join(tmpdir(), 'synaptiq-bench-sync-'));
  const credentials = newCredentials();
  const workspace = await prepareCrmWorkspace({
    dataDir,
    sandbox,
    provider: crm,
    credentials,
    ratePer10s: crm === 'hubspot' ? HUBSPOT_TIERS.starter.perTenSeconds : salesforcePacePer10s,
    // Backlog: everything is stored first (manual sync), then real-time mode is switched on and the drain timed.
    settings: backlog ? { sync_mode: { mode: 'manual' } } : {},
  });
  const relay = await startRelayChild({ dataDir, env: { SANDBOX: 'off', ENCRYPTION_KEY: workspace.encryptionKey } });
  const api = new RelayApi(relay.url, credentials.apiKey);
  const path = `/v1/workspaces/${workspace.workspaceId}/webhooks/synaptiq`;
  const webhook = new StandardWebhook(credentials.webhookSecret);
  try {
    const before = sandbox.inspect();
    // Waves by type (every lead created, then qualified …): the order that gives the relay the least to merge.
    const total = leads * leadLifecycle.length;
    let started = performance.now();
    progress(`${crm}: sending ${total} events for ${leads} leads`);
    const ledger = await sendAll(api, path, total, (i) => signBenchEvent(webhook, i % leads, leadLifecycle[Math.floor(i / leads)] ?? 'lead.created', crm), { concurrency: 8 });
    const ingestSeconds = (performance.now() - started) / 1000;
    if (backlog) {
      started = performance.now();
      const resumed = await api.patch('/v1/settings', { sync_mode: { mode: 'realtime' } });
      if (resumed.status !== 200) throw new Error(`PATCH /v1/settings answered ${resumed.status}`);
      progress(`${crm}: ${total} events stored in ${ingestSeconds.toFixed(0)} s; real-time mode on, draining the backlog`);
    }
    let lastLine = 0;
    const counts = await waitForDrain(api, workspace.workspaceId, {
      timeoutMs: Math.max(600_000, leads * 1000),
      pollMs: 500,
      onPoll: (c) => {
        if (performance.now() - lastLine > 15_000) {
          lastLine = performance.now();
          progress(`${crm}: ${Math.round((performance.now() - started) / 1000)} s, queue ${JSON.stringify(c)}, CRM calls ${sum(sandbox.inspect().calls) - sum(before.calls)}`);
        }
      },
    });
    const drainSeconds = (performance.now() - started) / 1000;
    const after = sandbox.inspect();
    const adapterOperations = await api.crmOperations();
    const byEndpoint = Object.fromEntries(Object.entries(after.calls).map(([endpoint, n]) => [endpoint, n - (before.calls[endpoint] ?? 0)]));
    const calls = sum(byEndpoint);
    const searchCalls = Object.entries(byEndpoint).filter(([endpoint]) => isSearch(endpoint)).reduce((n, [, v]) => n + v, 0);
    const budgetPer10s = crm === 'hubspot' ? HUBSPOT_TIERS.starter.perTenSeconds : salesforcePacePer10s;
    // A rolling window lets `budget` calls go at once, then `budget` more each window; nor can the drain end
    // before the last event arrived.
    const lowerBoundSeconds = Math.max(rollingWindowSeconds(calls - searchCalls, budgetPer10s, 10), rollingWindowSeconds(searchCalls, searchPerSecond, 1), backlog ? 0 : ingestSeconds);

    // Real-time latency on the now idle relay: one new lead at a time, webhook sent → contact in the CRM.
    progress(`${crm}: real-time latency, ${latencySamples} single leads on the idle relay`);
    const latencies: number[] = [];
    for (let i = 0; i < latencySamples; i += 1) {
      const lead = leads + i;
      const email = benchLead(lead, 'new').email.toLowerCase();
      const sentAt = performance.now();
      const status = await api.send(path, signBenchEvent(webhook, lead, 'lead.created', `${crm}-rt`));
      if (status !== 202) throw new Error(`a real-time event was answered ${status}`);
      while (!peopleEmails(sandbox, crm).has(email)) {
        if (performance.now() - sentAt > 60_000) throw new Error(`lead ${lead} did not reach the CRM within 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      latencies.push(performance.now() - sentAt);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    return {
      crm,
      leads,
      events: total,
      ingestSeconds,
      drainSeconds,
      calls,
      searchCalls,
      callsPerLead: calls / leads,
      received429: count429(after) - count429(before),
      lowerBoundSeconds,
      drainRatio: drainSeconds / lowerBoundSeconds,
      statuses: counts,
      records: sandbox.inspect().records[crm],
      latency: { samples: latencies.length, p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95), maxMs: Math.max(...latencies) },
      adapterOperations,
      ledger: { sent: ledger.sent, acknowledged: ledger.acknowledged, rejected: ledger.rejected, undelivered: ledger.undelivered },
    };
  } finally {
    await relay.stop();
    await sandbox.close();
    removeDataDir(dataDir);
  }
}

async function main(): Promise<void> {
  const args = parseArgs();
  const leads = args.number('leads', 10_000);
  const latencySamples = args.number('latency-samples', 40);
  const only = args.text('crm');
  const modes = (['hubspot', 'salesforce'] as const).filter((crm) => only === undefined || only === crm);
  const progress = (line: string) => {
    if (!args.json) process.stderr.write(`${line}\n`);
  };
  const figures: ModeFigures[] = [];
  const backlog = args.has('backlog');
  for (const crm of modes) figures.push(await runMode(crm, leads, latencySamples, backlog, progress));

  printTable(`End-to-end sync: ${leads} leads × 4 events through the relay into the sandbox CRM (HubSpot Starter limits)${backlog ? ', drained from a stored backlog' : ''}`, figures.map((f) => ({
    crm: f.crm,
    events: f.events,
    'ingest s': f.ingestSeconds,
    'drain s': f.drainSeconds,
    'lower bound s': f.lowerBoundSeconds,
    'drain / bound': f.drainRatio,
    'CRM calls': f.calls,
    'calls per lead': f.callsPerLead,
    searches: f.searchCalls,
    '429s': f.received429,
    synced: f.statuses.synced,
    skipped: f.statuses.skipped,
    dead: f.statuses.dead,
    'rt p50 ms': f.latency.p50Ms,
    'rt p95 ms': f.latency.p95Ms,
  })));
  for (const f of figures) console.log(`${f.crm} adapter operations: ${JSON.stringify(f.adapterOperations)}`);
  for (const f of figures) console.log(`${f.crm} records: ${Object.entries(f.records).filter(([, n]) => n > 0).map(([type, n]) => `${type} ${n}`).join(', ')}`);

  const checks: TargetCheck[] = figures.flatMap((f) => [
    { name: `${f.crm}: 429s received`, target: '0', measured: f.received429, met: f.received429 === 0 },
    { name: `${f.crm}: drain time / rate-limit lower bound`, target: '≤ 1.1', measured: Number(f.drainRatio.toFixed(2)), met: f.drainRatio <= 1.1 },
    { name: `${f.crm}: real-time webhook → CRM write p95`, target: '≤ 1000 ms', measured: Math.round(f.latency.p95Ms), met: f.latency.p95Ms <= 1000 },
    { name: `${f.crm}: every acknowledged event synced, none dead`, target: 'dead 0', measured: f.statuses.dead ?? 0, met: (f.statuses.dead ?? 0) === 0 && f.ledger.acknowledged === f.events },
  ]);
  printTargets(checks);
  if (args.json) printJsonLine('sync', { leads, backlog, modes: figures }, checks);
}

await main();
