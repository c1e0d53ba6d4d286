import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startTsChild, waitForHttp, type RunningChild } from './child-process';

/** Credentials a benchmark relay is started with (random per run, never printed). */
export interface RelayCredentials {
  apiKey: string;
  webhookSecret: string;
}

export interface RelayChild extends RunningChild {
  url: string;
  sandboxUrl: string;
  dataDir: string;
  credentials: RelayCredentials;
  webhookPath: string;
}

export const newCredentials = (): RelayCredentials => ({
  apiKey: `sk_bench_${randomBytes(18).toString('hex')}`,
  webhookSecret: `whsec_${randomBytes(32).toString('base64')}`,
});

export interface RelayChildOptions {
  /** Reuse a data dir (restarts); a fresh temporary one by default. */
  dataDir?: string;
  credentials?: RelayCredentials;
  /** Extra environment (CRM_PROVIDER, LOG_LEVEL …). */
  env?: Record<string, string>;
  /** Reuse ports across a restart (the sandbox CRM's port stays the same, so does its data file). */
  ports?: { relay: number; sandbox: number };
  /** Extra node flags (e.g. --cpu-prof when looking for a bottleneck). */
  nodeArgs?: readonly string[];
}

/**
 * `npm start` in a child process: the real relay (durable SQLite + lowdb stores in a temp data dir, the
 * in-process sandbox CRM, the worker), on loopback ports, so a load generator never shares its thread.
 */
export async function startRelayChild(options: RelayChildOptions = {}): Promise<RelayChild> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'synaptiq-bench-'));
  const credentials = options.credentials ?? newCredentials();
  const ports = options.ports ?? { relay: await freePort(), sandbox: await freePort() };
  const child = startTsChild('relay/src/server.ts', {
    PORT: String(ports.relay),
    SANDBOX_PORT: String(ports.sandbox),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    RELAY_API_KEY: credentials.apiKey,
    WEBHOOK_SECRET: credentials.webhookSecret,
    LOG_LEVEL: 'warn',
    ...options.env,
  }, options.nodeArgs);
  const url = `http://127.0.0.1:${ports.relay}`;
  await waitForHttp(`${url}/ready`, child, 60_000);
  return {
    ...child,
    url,
    sandboxUrl: `http://127.0.0.1:${ports.sandbox}`,
    dataDir,
    credentials,
    webhookPath: '/v1/workspaces/default/webhooks/synaptiq',
  };
}

export const removeDataDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });
