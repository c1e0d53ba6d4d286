import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { systemClock, type Clock } from '@synaptiq/shared/ports/clock';
import { mergeConfig, sandboxConfigSchema, type SandboxConfig, type SandboxConfigInput } from './config';
import { HubspotStore } from './hubspot/store';
import { createSandboxApp } from './http/app';
import type { SandboxContext } from './http/context';
import { RateLimits } from './http/rate-limit';
import { Stats, type StatsSnapshot } from './http/stats';
import { TokenRegistry } from './http/tokens';
import { loadSnapshot, restoreSnapshot, saveSnapshot, takeSnapshot } from './persistence';
import { SalesforceStore } from './salesforce/store';

export { HUBSPOT_TIERS, sandboxConfigSchema, type SandboxConfig, type SandboxConfigInput } from './config';
export type { StatsSnapshot } from './http/stats';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only by default. */
  host?: string;
  config?: SandboxConfigInput;
  /** Loads records from this JSON file at start (if it exists) and saves them after writes and on close. */
  dataFile?: string;
  /** Injectable time for rate-limit windows, token expiry, timestamps and search lag. */
  clock?: Clock;
  /** Injectable randomness for fault injection. */
  random?: () => number;
}

export interface SandboxInspection extends StatsSnapshot {
  tokenCalls: { hubspot: number; salesforce: number };
  records: { hubspot: Record<string, number>; salesforce: Record<string, number> };
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:43123 — use as HubSpot `basePath` and Salesforce `instanceUrl`/`loginUrl`. */
  url: string;
  port: number;
  state: SandboxContext;
  /** Calls per endpoint, 429/403 counts, token endpoint calls, record counts. */
  inspect(): SandboxInspection;
  /** Deep-merges a partial config (same as POST /_sandbox/config). */
  configure(patch: SandboxConfigInput): SandboxConfig;
  /** Back to seed data, fresh stats and limits (config is kept). */
  reset(): void;
  close(): Promise<void>;
}

/** Starts the sandbox CRM: HubSpot and Salesforce API subsets on one loopback port. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const clock = options.clock ?? systemClock;
  let config = sandboxConfigSchema.parse(options.config ?? {});
  let baseUrl = '';
  let saveTimer: NodeJS.Timeout | null = null;

  const makeHubspot = () => new HubspotStore({ clock, searchLagMs: () => config.hubspot.searchLagMs });
  const makeSalesforce = () =>
    new SalesforceStore({ clock, duplicateRuleActive: (type) => (type === 'Lead' || type === 'Contact') && config.salesforce.duplicateRules[type] });

  let hubspot = makeHubspot();
  let salesforce = makeSalesforce();
  let limits = new RateLimits();
  const stats = new Stats();
  const tokens = new TokenRegistry(() => config.auth.tokens);

  const save = () => {
    if (options.dataFile) saveSnapshot(options.dataFile, takeSnapshot(hubspot, salesforce));
  };

  if (options.dataFile) {
    const snapshot = loadSnapshot(options.dataFile);
    if (snapshot) restoreSnapshot(snapshot, hubspot, salesforce);
  }

  const ctx: SandboxContext = {
    get config() {
      return config;
    },
    clock,
    random: options.random ?? Math.random,
    get hubspot() {
      return hubspot;
    },
    get salesforce() {
      return salesforce;
    },
    get limits() {
      return limits;
    },
    tokens,
    stats,
    baseUrl: () => baseUrl,
    subrequestKey: randomUUID(),
    changed: () => {
      if (!options.dataFile || saveTimer) return;
      saveTimer = setTimeout(() => {
        saveTimer = null;
        save();
      }, 250);
      saveTimer.unref();
    },
  };

  const configure = (patch: SandboxConfigInput): SandboxConfig => {
    config = sandboxConfigSchema.parse(mergeConfig(config, patch));
    return config;
  };
  const reset = () => {
    hubspot = makeHubspot();
    salesforce = makeSalesforce();
    limits = new RateLimits();
    stats.reset();
    ctx.changed();
  };

  const app = createSandboxApp(ctx, { updateConfig: (patch) => void configure(patch), reset });
  const server: Server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${options.host ?? '127.0.0.1'}:${port}`;

  return {
    url: baseUrl,
    port,
    state: ctx,
    inspect: () => ({
      ...stats.snapshot(),
      tokenCalls: { ...tokens.tokenCalls },
      records: {
        hubspot: Object.fromEntries([...hubspot.records].map(([t, m]) => [t, m.size])),
        salesforce: Object.fromEntries([...salesforce.records].map(([t, m]) => [t, m.size])),
      },
    }),
    configure,
    reset,
    close: async () => {
      if (saveTimer) clearTimeout(saveTimer);
      save();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
