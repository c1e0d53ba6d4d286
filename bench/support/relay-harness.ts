import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startSandbox, type RunningSandbox, type SandboxConfigInput } from '@synaptiq/sandbox-crm';
import { systemClock, type CrmConnection, type CrmProvider, type Stores, type Workspace, type WorkspaceSettingsInput } from '@synaptiq/shared';
import { createApp } from '../../relay/src/app';
import { createCrmFactory } from '../../relay/src/crm/crm-factory';
import { createSecretBox, type SecretBox } from '../../relay/src/crypto';
import { createLogger } from '../../relay/src/logger';
import { createRelayMetrics, instrumentCrmFor } from '../../relay/src/metrics';
import { createMissingProperties } from '../../relay/src/services/crm-catalog';
import { realAdapterBuilders } from '../../relay/src/services/crm-adapters';
import { newWorkspace } from '../../relay/src/services/new-workspace';
import { openStores } from '../../relay/src/stores';
import { createWorker, type Worker, type WorkerOptionsInput } from '../../relay/src/worker';
import { settingsFor } from './crm-workspace';

/**
 * The relay as server.ts wires it (durable SQLite + lowdb stores in a temp dir, real adapters on the real SDKs,
 * the sandbox CRM, metrics, the worker), in this process. By default with two differences that keep `npm test`
 * fast: the worker retries after 0.3 s, 0.6 s … instead of 1 min, 4 min …, and looks for due work every 0.1 s
 * (`realWorkerTiming` keeps the relay's own schedule, as bench:faults does).
 * Every log line and every HTTP answer is kept, for the secrets check.
 */
export interface HarnessRelay {
  url: string;
  sandbox: RunningSandbox;
  stores: Stores;
  secrets: SecretBox;
  worker: Worker;
  dataDir: string;
  encryptionKey: Buffer;
  sandboxToken: string;
  /** Every line the relay logged (pino JSON, debug level). */
  logLines: string[];
  /** Every answer this harness's `request` received: status, headers and body. */
  answers: string[];
  /** A workspace on the sandbox CRM (no connection of its own), or on `connection` (stored sealed). */
  addWorkspace(id: string, provider?: CrmProvider, settings?: WorkspaceSettingsInput, connection?: CrmConnection): Promise<{ workspace: Workspace; apiKey: string; webhookSecret: string }>;
  request(path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; text: string; json: () => unknown }>;
  /** The text of every file the relay wrote to its data dir. */
  dataDirText(): string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  sandboxConfig?: SandboxConfigInput;
  allowPrivateHookTargets?: boolean;
  /** A Salesforce connected app (on the sandbox's OAuth endpoints) so Salesforce connections can refresh. */
  salesforceApp?: { clientId: string; clientSecret: string; redirectUri: string };
  /** The worker's own retry schedule and timers instead of the short test ones. */
  realWorkerTiming?: boolean;
}

/** Retries after 0.3 s, 0.6 s, 1.2 s …; due work looked for every 0.1 s: the relay's behaviour, faster. */
const testWorkerOptions: WorkerOptionsInput = {
  coalesceMs: 50,
  tickMs: 100,
  pollMs: 200,
  stopTimeoutMs: 2_000,
  retry: { baseDelayMs: 300, factor: 2, maxAttempts: 6, jitter: { kind: 'none' } },
};

export async function startHarnessRelay(options: HarnessOptions = {}): Promise<HarnessRelay> {
  const dataDir = mkdtempSync(join(tmpdir(), 'synaptiq-reliability-'));
  const encryptionKey = randomBytes(32);
  const secrets = createSecretBox(encryptionKey);
  const logLines: string[] = [];
  const answers: string[] = [];
  const logger = createLogger(
    { LOG_LEVEL: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    }),
  );
  const clock = systemClock;
  const stores = await openStores({ dataDir });
  const sandbox = await startSandbox({ port: 0, config: options.sandboxConfig ?? {} });
  const sandboxToken = `sandbox-${randomBytes(12).toString('hex')}`;
  const metrics = createRelayMetrics();
  metrics.watchQueues({ stores, clock });
  const crmFor = instrumentCrmFor(
    createCrmFactory({
      config: stores.config,
      secrets: { seal: (plain) => secrets.encrypt(plain), open: (sealed) => secrets.decrypt(sealed) },
      build: realAdapterBuilders({ clock, logger, sandboxUrl: sandbox.url, oauth: { salesforce: options.salesforceApp && { ...options.salesforceApp, loginUrl: sandbox.url } } }),
      sandbox: { url: sandbox.url, token: sandboxToken },
      logger,
    }).crmFor,
    metrics,
  );
  const worker = createWorker({
    stores,
    crmFor,
    clock,
    logger,
    metrics,
    options: options.realWorkerTiming ? { stopTimeoutMs: 2_000 } : testWorkerOptions,
  });
  const app = createApp({ stores, secrets, crmFor, worker, clock, logger, metrics, hooks: { allowPrivateTargets: options.allowPrivateHookTargets ?? false } });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  worker.start();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    sandbox,
    stores,
    secrets,
    worker,
    dataDir,
    encryptionKey,
    sandboxToken,
    logLines,
    answers,
    async addWorkspace(id, provider = 'hubspot', settings = {}, connection) {
      const made = newWorkspace({ id, name: `Workspace ${id}`, at: new Date().toISOString(), settings: settingsFor(provider, settings) }, secrets);
      const workspace = { ...made.workspace, crm_connection: connection ? secrets.encrypt(JSON.stringify(connection)) : null };
      await stores.config.saveWorkspace(workspace);
      await createMissingProperties(await crmFor(workspace), workspace);
      return { ...made, workspace };
    },
    async request(path, init = {}) {
      const res = await fetch(`${url}${path}`, { ...init, signal: AbortSignal.timeout(60_000) });
      const text = await res.text();
      answers.push(`${res.status} ${JSON.stringify([...res.headers])} ${text}`);
      return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as unknown };
    },
    dataDirText: () =>
      readdirSync(dataDir)
        .map((file) => readFileSync(join(dataDir, file)).toString('latin1'))
        .join('\n'),
    async close() {
      await worker.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.close();
      await stores.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
