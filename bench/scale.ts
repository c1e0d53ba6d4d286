/**
 * Scale-out benchmark: npm run bench:scale [-- --json] [-- --events N] [-- --concurrency C] [-- --instances=1,2,4]
 * Ingest and end-to-end sync throughput of 1, 2 and 4 relay instances (child processes) on one PostgreSQL
 * (TEST_DATABASE_URL, default postgres://root@127.0.0.1:5432/test; a fresh schema per run), against one
 * instance on the embedded stores (SQLite + lowdb) in the same run. One sandbox CRM (HubSpot API, its rate
 * limit off and the connection's pace at its 1,000-per-10-s maximum), so the CRM is not what limits.
 * - ingest: N signed webhooks (N/4 leads × created, qualified, conversation, meeting), round robin over the
 *   instances, the workspace in manual mode: acknowledged events per second (each one durably stored);
 * - sync: the workspace switched to real-time, the stored backlog drained into the CRM: events per second.
 * CPU is read from /proc for the relay processes and for PostgreSQL's, to show which one runs out first.
 */
import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startSandbox, type RunningSandbox } from '@synaptiq/sandbox-crm';
import { StandardWebhook } from '@synaptiq/shared/webhooks/standard-webhook';
import type { EventStatus } from '@synaptiq/shared';
import { openStores } from '../relay/src/stores';
import { prepareCrmWorkspace } from './support/crm-workspace';
import { freePort, startTsChild, waitForHttp, type RunningChild } from './support/child-process';
import { leadLifecycle } from './support/leads';
import { RelayApi } from './support/relay-api';
import { newCredentials, removeDataDir } from './support/relay-child';
import { parseArgs, printJsonLine, printTable, printTargets, type TargetCheck } from './support/report';
import { signBenchEvent, type SignedRequest } from './support/signed-pool';

const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const webhookPath = '/v1/workspaces/bench/webhooks/synaptiq';
const clockTicksPerSecond = 100;

interface Setup {
  store: 'embedded' | 'postgres';
  instances: number;
}

interface Figures extends Setup {
  events: number;
  ingestPerSecond: number;
  syncPerSecond: number;
  ingestCpu: CpuSplit;
  syncCpu: CpuSplit;
  /** Transactions PostgreSQL committed per event (ingest + sync), 0 for the embedded store. */
  commitsPerEvent: number;
  crmCalls: number;
  received429: number;
  synced: number;
}

/** Cores busy (CPU seconds per wall second) in each part of the system during a phase. */
interface CpuSplit {
  relays: number;
  postgres: number;
  /** This process: the load generator and the sandbox CRM. */
  harness: number;
  /** Cores idle waiting for the disk (fsync of PostgreSQL's WAL or SQLite's journal): the sign of an I/O-bound store. */
  iowait: number;
  /** Cores idle and not waiting for the disk. */
  idle: number;
  /** The rest of the machine's cores: other processes (these machines are shared), the kernel, a hypervisor's steal. */
  other: number;
}

/** The machine's idle and iowait jiffies so far (/proc/stat, first line). */
function machineIdle(): { idle: number; iowait: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  return { idle: (fields[3] ?? 0) / clockTicksPerSecond, iowait: (fields[4] ?? 0) / clockTicksPerSecond };
}

/** utime + stime of a process, in seconds (Linux /proc). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
  } catch {
    return 0;
  }
}

function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    });
}

/** Starts a CPU measurement; the returned function ends it. */
function measureCpu(relays: RunningChild[]): () => CpuSplit {
  const started = performance.now();
  const pgPids = postgresPids();
  const sum = (pids: number[]) => pids.reduce((total, pid) => total + cpuSeconds(pid), 0);
  const relaysBefore = sum(relays.map((relay) => relay.pid));
  const pgBefore = sum(pgPids);
  const harnessBefore = process.cpuUsage();
  const machineBefore = machineIdle();
  return () => {
    const wall = (performance.now() - started) / 1000;
    const harness = process.cpuUsage(harnessBefore);
    // Backends started during the phase (new pool connections) count from zero.
    const pgAfter = sum([...new Set([...pgPids, ...postgresPids()])]);
    const split: CpuSplit = {
      relays: round((sum(relays.map((relay) => relay.pid)) - relaysBefore) / wall),
      postgres: round(Math.max(0, pgAfter - pgBefore) / wall),
      harness: round((harness.user + harness.system) / 1e6 / wall),
      iowait: round((machineIdle().iowait - machineBefore.iowait) / wall),
      idle: round((machineIdle().idle - machineBefore.idle) / wall),
      other: 0,
    };
    split.other = round(Math.max(0, cpus().length - split.relays - split.postgres - split.harness - split.iowait - split.idle));
    return split;
  };
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const cores = (cpu: CpuSplit): string => `${cpu.relays} / ${cpu.postgres} / ${cpu.harness} · ${cpu.iowait} · ${cpu.idle} · ${cpu.other}`;

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const commits = () =>
  withClient(async (client) => Number((await client.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()')).rows[0]?.n ?? 0));

/** The benchmark workspace (manual mode, connected to the sandbox) in a throwaway data dir, copied into PostgreSQL when asked. */
async function prepare(setup: Setup, sandbox: RunningSandbox, credentials: ReturnType<typeof newCredentials>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'synaptiq-scale-'));
  const workspace = await prepareCrmWorkspace({ dataDir, sandbox, provider: 'hubspot', credentials, workspaceId: 'bench', settings: { sync_mode: { mode: 'manual' } }, ratePer10s: 1000 });
  if (setup.store === 'embedded') return { dataDir, encryptionKey: workspace.encryptionKey, schema: null, env: {} as Record<string, string> };
  const schema = `relay_bench_${Date.now().toString(36)}`;
  const embedded = await openStores({ dataDir });
  const postgres = await openStores({ databaseUrl, schema });
  try {
    const stored = await embedded.config.getWorkspace('bench');
    if (!stored) throw new Error('the benchmark workspace was not prepared');
    await postgres.config.saveWorkspace(stored);
  } finally {
    await embedded.close();
    await postgres.close();
  }
  return { dataDir, encryptionKey: workspace.encryptionKey, schema, env: { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema } as Record<string, string> };
}

/** Sends every request once (the relay acknowledges durably stored events), `concurrency` at a time, round robin. */
async function sendRoundRobin(apis: RelayApi[], requests: SignedRequest[], concurrency: number): Promise<number> {
  let next = 0;
  let acknowledged = 0;
  const sender = async () => {
    while (next < requests.length) {
      const index = next++;
      const status = await apis[index % apis.length]!.send(webhookPath, requests[index]!);
      if (status !== null && status >= 200 && status < 300) acknowledged += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  return acknowledged;
}

async function waitUntilSynced(api: RelayApi, total: number, timeoutMs: number): Promise<Record<EventStatus, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await api.queueCounts('bench');
    if (counts.synced + counts.skipped + counts.dead >= total || Date.now() > deadline) return counts;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function run(setup: Setup, events: number, concurrency: number): Promise<Figures> {
  const sandbox = await startSandbox({ port: 0, config: { hubspot: { rateLimit: { enabled: false } } } });
  const credentials = newCredentials();
  const prepared = await prepare(setup, sandbox, credentials);
  const relays: RunningChild[] = [];
  try {
    for (let i = 0; i < setup.instances; i += 1) {
      const port = await freePort();
      const child = startTsChild('relay/src/server.ts', {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: prepared.dataDir,
        SANDBOX: 'off',
        ENCRYPTION_KEY: prepared.encryptionKey,
        RELAY_API_KEY: credentials.apiKey,
        WEBHOOK_SECRET: credentials.webhookSecret,
        LOG_LEVEL: 'warn',
        ...prepared.env,
      });
      relays.push(child);
      await waitForHttp(`http://127.0.0.1:${port}/ready`, child, 60_000);
      Object.assign(child, { url: `http://127.0.0.1:${port}` });
    }
    const apis = relays.map((relay) => new RelayApi((relay as RunningChild & { url: string }).url, credentials.apiKey));
    const webhook = new StandardWebhook(credentials.webhookSecret);
    const sign = (n: number, run: string) => signBenchEvent(webhook, Math.floor(n / leadLifecycle.length), leadLifecycle[n % leadLifecycle.length]!, run);
    // Warm-up (JIT, pools, caches): a few events per instance before anything is timed; they sync with the rest.
    const warmup = Array.from({ length: 8 * setup.instances }, (_, n) => sign(n, 'warmup'));
    await sendRoundRobin(apis, warmup, concurrency);
    const requests = Array.from({ length: events }, (_, n) => sign(n, 'scale'));
    const commitsBefore = setup.store === 'postgres' ? await commits() : 0;

    const ingestCpu = measureCpu(relays);
    const ingestStarted = performance.now();
    const acknowledged = await sendRoundRobin(apis, requests, concurrency);
    const ingestSeconds = (performance.now() - ingestStarted) / 1000;
    const ingest = ingestCpu();

    const syncCpu = measureCpu(relays);
    const syncStarted = performance.now();
    const patched = await apis[0]!.patch('/v1/settings', { sync_mode: { mode: 'realtime' } });
    if (patched.status !== 200) throw new Error(`PATCH /v1/settings answered ${patched.status}`);
    const counts = await waitUntilSynced(apis[0]!, acknowledged + warmup.length, 300_000);
    const syncSeconds = (performance.now() - syncStarted) / 1000;
    const sync = syncCpu();

    const commitsAfter = setup.store === 'postgres' ? await commits() : 0;
    const stats = sandbox.inspect();
    return {
      ...setup,
      events,
      ingestPerSecond: Math.round(acknowledged / ingestSeconds),
      syncPerSecond: Math.round(counts.synced / syncSeconds),
      // (the warm-up events are part of the synced backlog: they are few and timed like the rest)
      ingestCpu: ingest,
      syncCpu: sync,
      commitsPerEvent: round((commitsAfter - commitsBefore) / events, 1),
      crmCalls: stats.totals.hubspot,
      received429: Object.entries(stats.statuses).filter(([key]) => key.endsWith(' 429')).reduce((n, [, v]) => n + v, 0),
      synced: counts.synced - warmup.length,
    };
  } finally {
    await Promise.all(relays.map((relay) => relay.stop()));
    await sandbox.close();
    removeDataDir(prepared.dataDir);
    if (prepared.schema !== null) await withClient((client) => client.query(`DROP SCHEMA IF EXISTS "${prepared.schema}" CASCADE`));
  }
}

async function main(): Promise<void> {
  const args = parseArgs();
  const events = Math.floor(args.number('events', 2000) / 4) * 4;
  const concurrency = args.number('concurrency', 48);
  const counts = (process.argv.find((arg) => arg.startsWith('--instances='))?.slice('--instances='.length) ?? '1,2,4').split(',').map(Number);
  const setups: Setup[] = [{ store: 'embedded', instances: 1 }, ...counts.map((instances) => ({ store: 'postgres' as const, instances }))];
  const results: Figures[] = [];
  for (const setup of setups) {
    if (!args.json) process.stderr.write(`${setup.store} × ${setup.instances}…\n`);
    results.push(await run(setup, events, concurrency));
  }

  const pgRuns = results.filter((result) => result.store === 'postgres');
  const best = (key: 'ingestPerSecond' | 'syncPerSecond') => pgRuns.reduce((top, result) => (result[key] > top[key] ? result : top));
  // The database is "the limit" from the first instance count that no longer adds throughput while PostgreSQL
  // takes a growing share of the machine's cores.
  const plateau = (key: 'ingestPerSecond' | 'syncPerSecond') => {
    for (let i = 1; i < pgRuns.length; i += 1) if (pgRuns[i]![key] < pgRuns[i - 1]![key] * 1.1) return pgRuns[i - 1]!.instances;
    return null;
  };
  const checks: TargetCheck[] = [
    { name: 'every event synced, every setup', target: `${events} each`, measured: results.map((result) => result.synced).join(' / '), met: results.every((result) => result.synced === events) },
    { name: 'no 429 from the CRM', target: '0', measured: results.reduce((n, result) => n + result.received429, 0), met: results.every((result) => result.received429 === 0) },
  ];
  const summary = {
    events,
    concurrency,
    results,
    ingestPlateauAtInstances: plateau('ingestPerSecond'),
    syncPlateauAtInstances: plateau('syncPerSecond'),
    bestIngest: { instances: best('ingestPerSecond').instances, perSecond: best('ingestPerSecond').ingestPerSecond },
    bestSync: { instances: best('syncPerSecond').instances, perSecond: best('syncPerSecond').syncPerSecond },
  };
  if (args.json) {
    printJsonLine('scale', summary, checks);
    return;
  }
  printTable(
    `Ingest and sync throughput, ${events} events, ${concurrency} concurrent senders (cores: relays / PostgreSQL / harness busy · iowait · idle · other)`,
    results.map((result) => ({
      store: result.store,
      instances: result.instances,
      'ingest ev/s': result.ingestPerSecond,
      'ingest cores': cores(result.ingestCpu),
      'sync ev/s': result.syncPerSecond,
      'sync cores': cores(result.syncCpu),
      'PG commits/event': result.commitsPerEvent,
      'CRM calls': result.crmCalls,
      '429s': result.received429,
    })),
  );
  console.log(`\nIngest stops growing after ${summary.ingestPlateauAtInstances ?? 'more than 4'} instance(s); sync after ${summary.syncPlateauAtInstances ?? 'more than 4'}.`);
  printTargets(checks);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
