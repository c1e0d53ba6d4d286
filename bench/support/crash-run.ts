import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '@synaptiq/sandbox-crm';
import type { CrmProvider } from '@synaptiq/shared';
import { StandardWebhook } from '@synaptiq/shared/webhooks/standard-webhook';
import { freePort } from './child-process';
import { crmCensus, type CensusEntry } from './crm-census';
import { prepareCrmWorkspace } from './crm-workspace';
import { leadLifecycle } from './leads';
import { RelayApi, waitForDrain } from './relay-api';
import { newCredentials, removeDataDir, startRelayChild, type RelayChild } from './relay-child';
import { sendAll } from './sender';
import { signBenchEvent } from './signed-pool';

export interface CrashRunOptions {
  crm: CrmProvider;
  /** Events sent: leads × 4 (created, qualified, conversation, meeting). */
  events: number;
  /** kill -9 count: all but the last while events are being sent, the last while the queue drains. */
  kills: number;
  /**
   * Manual sync mode while sending, then Sync Now, with every kill during sending: the kills then hit the
   * ingest path only. A kill mid-batch leaves the batch's events claimed until their lease (2 min) runs out,
   * too long for `npm test`; bench:crash uses real-time mode and kills during the drain too.
   */
  ingestOnly?: boolean;
  seed: number;
  progress?: (line: string) => void;
}

export interface CrashRunReport {
  crm: CrmProvider;
  leads: number;
  kills: Array<{ afterAcknowledged: number; phase: 'sending' | 'draining' }>;
  ledger: { sent: number; acknowledged: number; rejected: number; undelivered: number; retriedAttempts: number };
  outcome: { synced: number; skipped: number; dead: number; other: number };
  census: Record<string, CensusEntry>;
  seconds: number;
  /** Every broken promise, in words; empty when nothing was lost or duplicated. */
  problems: string[];
}

/** A small seeded generator (mulberry32), so a failing run can be repeated with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Sends signed events to the relay (child process, durable stores) and kills it with SIGKILL at random
 * points, restarting it each time on the same data dir and port; the sender retries what got no answer,
 * as webhook senders do. Then checks the ledger (sent = acknowledged + rejected, acknowledged = synced +
 * dead-lettered) and the sandbox CRM, which runs here and outlives the crashes, for lost or duplicate records.
 */
export async function runCrashScenario(options: CrashRunOptions): Promise<CrashRunReport> {
  const progress = options.progress ?? (() => undefined);
  const random = seededRandom(options.seed);
  const leads = Math.ceil(options.events / leadLifecycle.length);
  const total = leads * leadLifecycle.length;
  const started = performance.now();
  const sandbox = await startSandbox({ port: 0, config: { hubspot: { rateLimit: { enabled: false } }, salesforce: { dailyApiLimit: 1_000_000 } } });
  const dataDir = mkdtempSync(join(tmpdir(), 'synaptiq-crash-'));
  const credentials = newCredentials();
  const workspace = await prepareCrmWorkspace({
    dataDir,
    sandbox,
    provider: options.crm,
    credentials,
    ratePer10s: 1000,
    settings: options.ingestOnly ? { sync_mode: { mode: 'manual' } } : {},
  });
  const ports = { relay: await freePort(), sandbox: await freePort() };
  const outputs: Array<() => string> = [];
  const start = async () => {
    const child = await startRelayChild({ dataDir, ports, env: { SANDBOX: 'off', ENCRYPTION_KEY: workspace.encryptionKey } });
    outputs.push(child.output);
    return child;
  };
  let relay: RelayChild = await start();
  const api = new RelayApi(relay.url, credentials.apiKey);
  const path = `/v1/workspaces/${workspace.workspaceId}/webhooks/synaptiq`;
  const webhook = new StandardWebhook(credentials.webhookSecret);
  const kills: CrashRunReport['kills'] = [];

  let crashing: Promise<void> | null = null;
  const crashAndRestart = (afterAcknowledged: number, phase: 'sending' | 'draining') =>
    (crashing ??= (async () => {
      progress(`kill -9 relay (pid ${relay.pid}) after ${afterAcknowledged} acknowledged, ${phase}`);
      kills.push({ afterAcknowledged, phase });
      await relay.kill9();
      relay = await start();
    })().finally(() => {
      crashing = null;
    }));

  try {
    const sendingKills = options.ingestOnly ? options.kills : Math.max(0, options.kills - 1);
    const killPoints = Array.from({ length: sendingKills }, () => Math.floor(total * (0.05 + 0.9 * random()))).sort((a, b) => a - b);
    const ledger = await sendAll(api, path, total, (i) => signBenchEvent(webhook, i % leads, leadLifecycle[Math.floor(i / leads)] ?? 'lead.created', `crash${options.seed}`), {
      concurrency: 16,
      onAcknowledged: (_id, sofar) => {
        const due = killPoints[0];
        if (due !== undefined && sofar.acknowledged >= due && crashing === null) {
          killPoints.shift();
          void crashAndRestart(sofar.acknowledged, 'sending');
        }
      },
    });
    await crashing;
    if (options.ingestOnly) {
      progress(`all ${total} events answered; Sync Now`);
      const syncNow = await api.post('/v1/sync');
      if (syncNow.status !== 200) throw new Error(`POST /v1/sync answered ${syncNow.status}`);
    } else if (options.kills > 0) {
      await new Promise((resolve) => setTimeout(resolve, 300 + random() * 2000));
      await crashAndRestart(ledger.acknowledged, 'draining');
    }
    progress(`all ${total} events answered; waiting for the queue to drain`);
    await waitForDrain(api, workspace.workspaceId, { timeoutMs: 30 * 60_000, pollMs: 500 });

    const events = await api.allEvents();
    const byId = new Map(events.map((event) => [event.id, event]));
    const outcome = { synced: 0, skipped: 0, dead: 0, other: 0 };
    for (const event of events) {
      if (event.status === 'synced' || event.status === 'skipped' || event.status === 'dead') outcome[event.status] += 1;
      else outcome.other += 1;
    }
    const census = crmCensus(sandbox, options.crm);
    const problems: string[] = [];
    const lost = [...ledger.acknowledgedIds].filter((id) => !byId.has(id));
    if (lost.length > 0) problems.push(`${lost.length} acknowledged events are not in the relay (e.g. ${lost.slice(0, 3).join(', ')})`);
    const unacknowledgedStored = events.filter((event) => !ledger.acknowledgedIds.has(event.id));
    if (unacknowledgedStored.length > 0) problems.push(`${unacknowledgedStored.length} events are stored that were never acknowledged`);
    if (ledger.undelivered > 0) problems.push(`${ledger.undelivered} events were never answered`);
    if (ledger.sent !== ledger.acknowledged + ledger.rejected + ledger.undelivered) problems.push(`ledger: sent ${ledger.sent} ≠ acknowledged ${ledger.acknowledged} + rejected ${ledger.rejected}`);
    if (ledger.acknowledged !== outcome.synced + outcome.skipped + outcome.dead) {
      problems.push(`ledger: acknowledged ${ledger.acknowledged} ≠ synced ${outcome.synced} + skipped ${outcome.skipped} + dead-lettered ${outcome.dead} (other ${outcome.other})`);
    }
    if (outcome.dead > 0) problems.push(`${outcome.dead} events dead-lettered: ${[...new Set(events.filter((e) => e.status === 'dead').map((e) => e.last_error?.code))].join(', ')}`);
    const written = outputs.map((output) => output()).join('\n');
    const secrets = { 'API key': credentials.apiKey, 'webhook secret': credentials.webhookSecret.slice('whsec_'.length), 'encryption key': workspace.encryptionKey, 'CRM token': workspace.accessToken };
    for (const [name, secret] of Object.entries(secrets)) if (written.includes(secret)) problems.push(`the relay's output contains the ${name}`);
    for (const [objectType, entry] of Object.entries(census)) {
      if (entry.duplicates > 0) problems.push(`${entry.duplicates} duplicate ${objectType} records in the CRM`);
      if (entry.records !== leads) problems.push(`${entry.records} ${objectType} records in the CRM for ${leads} leads`);
    }
    return {
      crm: options.crm,
      leads,
      kills,
      ledger: { sent: ledger.sent, acknowledged: ledger.acknowledged, rejected: ledger.rejected, undelivered: ledger.undelivered, retriedAttempts: ledger.retries },
      outcome,
      census,
      seconds: (performance.now() - started) / 1000,
      problems,
    };
  } finally {
    await Promise.resolve(crashing).catch(() => undefined);
    await relay.stop();
    await sandbox.close();
    removeDataDir(dataDir);
  }
}
