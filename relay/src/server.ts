import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { systemClock } from '@synaptiq/shared';
import type { Clock, Stores } from '@synaptiq/shared';
import { startSandbox } from '@synaptiq/sandbox-crm';
import type { RunningSandbox } from '@synaptiq/sandbox-crm';
import type { Logger as PinoLogger } from 'pino';
import { createApp } from './app';
import { ConfigError, loadConfig, realCrmFromEnv } from './config';
import type { RelayEnv } from './config';
import { createCrmFactory } from './crm';
import { deliveryOptionsFromEnv } from './delivery';
import { createSecretBox } from './crypto';
import { createLogger, errorFields } from './logger';
import { createRelayMetrics, instrumentCrmFor } from './metrics';
import type { RelayMetrics } from './metrics';
import { realAdapterBuilders } from './services/crm-adapters';
import { defaultWorkspaceId, ensureDefaultWorkspace } from './services/default-workspace';
import type { DefaultWorkspaceResult } from './services/default-workspace';
import { loadEncryptionKey } from './services/encryption-key';
import { createHooks } from './services/hooks';
import { deriveStateKey, oauthAppsFromEnv, refreshApps } from './services/oauth';
import { createTwoWayPoller } from './services/two-way';
import { instanceCoordination, leaseRenewalEvery, openStores, startRetention } from './stores';
import { createWorker, expireDeadClaims } from './worker';
import type { Worker } from './worker';

/** The token the in-process sandbox CRM is called with (it accepts any token unless configured otherwise). */
const sandboxToken = 'synaptiq-sandbox-token';

export interface RunningRelay {
  url: string;
  port: number;
  sandbox: RunningSandbox | null;
  stores: Stores;
  worker: Worker;
  defaultWorkspace: DefaultWorkspaceResult;
  /** The Prometheus instruments served at GET /metrics (the outbound delivery worker counts attempts here). */
  metrics: RelayMetrics;
  /** Stops accepting requests, stops the worker (in-flight work finishes or returns to the queue), closes the stores. */
  close(): Promise<void>;
}

export interface StartRelayOptions {
  clock?: Clock;
  logger?: PinoLogger;
}

/** Starts the relay: data dir, stores, sandbox CRM, default workspace, worker, HTTP server. */
export async function startRelay(env: RelayEnv, options: StartRelayOptions = {}): Promise<RunningRelay> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(env);
  const dataDir = resolve(env.DATA_DIR);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  const encryptionKey = loadEncryptionKey(env.ENCRYPTION_KEY, dataDir);
  if (encryptionKey.origin === 'generated') {
    logger.warn({ path: encryptionKey.path }, 'ENCRYPTION_KEY is not set: generated a key file; back it up with the data dir, or set ENCRYPTION_KEY');
  }
  const secrets = createSecretBox(encryptionKey.key);
  // DATABASE_URL: every store in PostgreSQL, and what instances sharing it must agree on (docs/deployment.md).
  const leaseMs = env.DATABASE_LEASE_SECONDS * 1000;
  const stores = await openStores(
    env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL, schema: env.DATABASE_SCHEMA, log: logger, leaseRenewal: { everyMs: leaseRenewalEvery(leaseMs), clock } } : { dataDir },
  );
  const coordination = instanceCoordination(stores, clock, leaseMs, { seal: (plain) => secrets.encrypt(plain), open: (sealed) => secrets.decrypt(sealed) });
  const sandbox = env.SANDBOX === 'on' ? await startSandbox({ port: env.SANDBOX_PORT, host: '127.0.0.1', dataFile: resolve(dataDir, 'sandbox-crm.json'), clock }) : null;

  try {
    const defaultWorkspace = await ensureDefaultWorkspace(
      { config: stores.config, secrets, clock },
      { apiKey: env.RELAY_API_KEY, webhookSecret: env.WEBHOOK_SECRET, crm: realCrmFromEnv(env), provider: env.CRM_PROVIDER },
    );
    for (const change of defaultWorkspace.changes) logger.info({ workspace_id: defaultWorkspaceId }, change);

    // OAuth connect: without client ids, the sandbox CRM's OAuth endpoints stand in for the providers'.
    const oauth = { stateKey: deriveStateKey(encryptionKey.key), redirectBaseUrl: env.OAUTH_REDIRECT_BASE_URL ?? publicUrl(env), apps: oauthAppsFromEnv(env, sandbox?.url ?? null) };
    const metrics = createRelayMetrics();
    metrics.watchQueues({ stores, clock });
    const crmFor = instrumentCrmFor(createCrmFactory({
      config: stores.config,
      secrets: { seal: (plain) => secrets.encrypt(plain), open: (sealed) => secrets.decrypt(sealed) },
      build: realAdapterBuilders({
        clock,
        logger,
        sandboxUrl: sandbox?.url ?? null,
        sharedLimits: coordination?.sharedLimits,
        refreshGateFor: coordination?.refreshGateFor,
        // The OAuth apps (or, without client ids, the sandbox's) also refresh the tokens of OAuth connections.
        oauth: refreshApps(oauth),
      }),
      sandbox: sandbox && { url: sandbox.url, token: sandboxToken },
      logger,
    }).crmFor, metrics);

    // No sandbox properties step here: the CRM factory creates them for every sandbox workspace on its first build.
    // Outbound webhooks: the sync worker's settled batches become hooks; the delivery worker sends them.
    const hooks = createHooks({ stores, secrets, crmFor, clock, logger, metrics, options: deliveryOptionsFromEnv(env) });
    const worker = createWorker({ stores, crmFor, clock, logger, onSettled: hooks.onSettled, metrics, claimScheduledRun: coordination?.claimScheduledRun, options: coordination?.workerOptions });
    // Two-way sync: reads the CRM changes of bidirectional workspaces back into their leads (never writes).
    const twoWay = createTwoWayPoller({ stores, crmFor, clock, logger, emit: hooks.emitHookEvent, claimPoll: coordination?.claimTwoWayPoll });
    // GET /ready: with PostgreSQL, also whether this instance reaches the database (load balancers route around it).
    const readiness = coordination && { isReady: async () => worker.status().started && !worker.status().stopping && (await coordination.databaseReachable()) };
    const app = createApp({ stores, secrets, crmFor, worker, clock, logger, readiness: readiness ?? undefined, hooks: hooks.routes, metrics, metricsToken: env.METRICS_TOKEN, oauth, console: { adminPassword: env.ADMIN_PASSWORD, secureCookies: env.PUBLIC_URL?.startsWith('https://') ?? false } });
    // Embedded stores (no coordination): this process alone owns the data dir, so what is still claimed was
    // claimed by a relay that died; it is due now rather than after its lease. PostgreSQL claims may be alive.
    if (coordination === null) {
      const expired = await expireDeadClaims(stores.events, clock);
      if (expired > 0) logger.warn({ events: expired }, 'took back the events a stopped-without-closing relay had claimed');
    }
    const server = createServer(app);
    await listen(server, env.PORT, env.HOST);
    worker.start();
    hooks.worker.start();
    twoWay.start();
    const retention = startRetention({
      stores,
      maxAgeDays: env.RETENTION_DAYS,
      clock,
      onPruned: (pruned) => logger.info({ ...pruned, max_age_days: env.RETENTION_DAYS }, 'pruned ended events and sync log entries'),
      onError: (error) => logger.warn({ err: errorFields(error) }, 'pruning old events failed; it runs again in an hour'),
    });
    const { port } = server.address() as AddressInfo;
    const url = `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${port}`;
    logger.info({ url, sandbox: sandbox?.url ?? null, data_dir: dataDir }, 'relay listening');

    let closing: Promise<void> | null = null;
    const close = () =>
      (closing ??= (async () => {
        logger.info({}, 'shutting down: no new requests, finishing in-flight work');
        const serverClosed = new Promise<void>((done) => server.close(() => done()));
        server.closeIdleConnections();
        retention.stop();
        await twoWay.stop();
        await worker.stop();
        await hooks.worker.stop();
        // Requests still open after the worker stopped get a short grace, then their sockets are closed.
        const grace = setTimeout(() => server.closeAllConnections(), 5_000);
        await serverClosed;
        clearTimeout(grace);
        await sandbox?.close();
        await stores.close();
        logger.info({}, 'relay stopped');
      })());
    return { url, port, sandbox, stores, worker, defaultWorkspace, metrics, close };
  } catch (error) {
    await sandbox?.close();
    await stores.close();
    throw error;
  }
}

const publicUrl = (env: RelayEnv) => env.PUBLIC_URL?.replace(/\/+$/, '') ?? `http://localhost:${env.PORT}`;

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      done();
    });
  });
}

/** What a new user sees: where the relay is, the credentials made for them (once), and how to send a test event. */
export function readyMessage(env: RelayEnv, relay: Pick<RunningRelay, 'url' | 'sandbox' | 'defaultWorkspace'>): string {
  const { workspace, generated } = relay.defaultWorkspace;
  const base = env.PUBLIC_URL?.replace(/\/+$/, '') ?? relay.url;
  const crm = workspace.crm_connection === null ? `the sandbox CRM (${workspace.settings.crm} API) at ${relay.sandbox?.url ?? 'nowhere: SANDBOX=off'}` : `your ${workspace.settings.crm} account`;
  const lines = [
    '',
    `Synaptiq relay ready at ${base}, syncing workspace "${workspace.id}" to ${crm}.`,
    `  Webhook URL:     ${base}/v1/workspaces/${workspace.id}/webhooks/synaptiq`,
  ];
  if (generated.apiKey) lines.push(`  API key:         ${generated.apiKey}   (shown once: store it now; set RELAY_API_KEY to choose your own)`);
  if (generated.webhookSecret) lines.push(`  Webhook secret:  ${generated.webhookSecret}   (shown once; also stored encrypted in ${env.DATA_DIR})`);
  // The curl line works as printed: with the key made just now, the one in the environment, or a placeholder.
  const key = generated.apiKey ?? (env.RELAY_API_KEY ? '$RELAY_API_KEY' : '<the API key printed at the first start>');
  lines.push(
    '',
    `Configure it in the browser:          ${base}/admin (sign in with the API key)`,
    'Send a signed test lead through it:   npm run send-test-event',
    `Then look at what happened:           curl -H "Authorization: Bearer ${key}" ${base}/v1/sync-log`,
    `API reference:                         ${base}/openapi.json (docs/api.md)`,
    '',
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  let env: RelayEnv;
  try {
    env = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const relay = await startRelay(env);
  console.log(readyMessage(env, relay));
  const stop = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: stopping the relay…\n`);
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
