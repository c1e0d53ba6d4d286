/**
 * Ingest benchmark: npm run bench:ingest [-- --json] [-- --duration S] [-- --stored N] [-- --connections C]
 * autocannon on loopback against the relay in a child process (durable SQLite in a temp data dir, the sandbox
 * CRM and worker running as with `npm start`), with unique, correctly signed events. Measures accepted events/s
 * and ack latency at 500, 1,000 and 2,000 events/s and at saturation, on an empty store and again after N
 * (default 100,000) stored events, the relay's RSS, and the same figures for a bare Express route.
 */
import autocannon from 'autocannon';
import { freePort, startTsChild, waitForHttp, type RunningChild } from './support/child-process';
import { RelayApi } from './support/relay-api';
import { removeDataDir, startRelayChild, type RelayChild } from './support/relay-child';
import { parseArgs, printJsonLine, printTable, printTargets, type TargetCheck } from './support/report';
import { SignedEventPool } from './support/signed-pool';

type Server = 'relay (npm start)' | 'relay, sync paused' | 'bare express';

interface Phase {
  server: Server;
  phase: string;
  /** Requested rate, or null at saturation. */
  rate: number | null;
  storedBefore: number;
  sent: number;
  accepted: number;
  non2xx: number;
  errors: number;
  seconds: number;
  acceptedPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  rssMb: number;
}

interface Target {
  url: string;
  path: string;
  child: RunningChild;
  server: Server;
}

const fixedRates = [500, 1000, 2000];

async function fire(target: Target, pool: SignedEventPool, options: { seconds: number; rate: number | null; connections: number; amount?: number }) {
  const expected = options.amount ?? Math.ceil((options.rate ?? 12_000) * options.seconds * 1.1);
  pool.fill(expected);
  const result = await autocannon({
    url: target.url,
    connections: options.rate === null ? options.connections : Math.max(4, Math.ceil(options.rate / 100)),
    pipelining: 1,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
    ...(options.rate === null ? {} : { overallRate: options.rate }),
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: target.path,
        setupRequest: (request) => {
          const next = pool.take();
          return { ...request, body: next.body, headers: next.headers };
        },
      },
    ],
  });
  return result;
}

async function measure(target: Target, pool: SignedEventPool, phase: string, rate: number | null, seconds: number, connections: number, stored: { count: number }): Promise<Phase> {
  const result = await fire(target, pool, { seconds, rate, connections });
  const storedBefore = stored.count;
  stored.count += result['2xx'];
  return {
    server: target.server,
    phase,
    rate,
    storedBefore,
    sent: result.requests.sent,
    accepted: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
    acceptedPerSecond: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    rssMb: target.child.memory().rssMb,
  };
}

async function runAgainst(target: Target, pool: SignedEventPool, args: { seconds: number; connections: number; storedGoal: number }, progress: (line: string) => void): Promise<Phase[]> {
  const stored = { count: 0 };
  const phases: Phase[] = [];
  progress(`${target.server}: warm-up`);
  await fire(target, pool, { seconds: 3, rate: null, connections: args.connections });
  stored.count = 0;
  for (const rate of fixedRates) {
    progress(`${target.server}: ${rate}/s for ${args.seconds} s`);
    phases.push(await measure(target, pool, `${rate}/s`, rate, args.seconds, args.connections, stored));
  }
  progress(`${target.server}: saturation for ${args.seconds} s`);
  phases.push(await measure(target, pool, 'saturation', null, args.seconds, args.connections, stored));
  if (target.server !== 'bare express' && args.storedGoal > stored.count) {
    // Fill the store in chunks (each pool is signed just before it is sent, inside the timestamp tolerance).
    while (stored.count < args.storedGoal) {
      const amount = Math.min(20_000, args.storedGoal - stored.count);
      progress(`${target.server}: filling the store, ${stored.count} → ${stored.count + amount} events`);
      const result = await fire(target, pool, { seconds: 0, rate: null, connections: args.connections, amount });
      stored.count += result['2xx'];
    }
    progress(`${target.server}: saturation for ${args.seconds} s at ${stored.count} stored events`);
    phases.push(await measure(target, pool, `saturation, ${Math.round(stored.count / 1000)}k stored`, null, args.seconds, args.connections, stored));
    progress(`${target.server}: 1000/s for ${args.seconds} s at ${stored.count} stored events`);
    phases.push(await measure(target, pool, `1000/s, ${Math.round(stored.count / 1000)}k stored`, 1000, args.seconds, args.connections, stored));
  }
  return phases;
}

/**
 * One relay child on a fresh data dir: as `npm start` runs it (sandbox CRM in-process, real-time sync of what
 * arrives), or with the default workspace in manual sync mode so only the ingest path runs.
 */
async function measureRelay(server: Exclude<Server, 'bare express'>, args: { seconds: number; connections: number; storedGoal: number }, progress: (line: string) => void) {
  const relay: RelayChild = await startRelayChild({ nodeArgs: (process.env.BENCH_RELAY_NODE_ARGS ?? '').split(' ').filter(Boolean) });
  try {
    if (server === 'relay, sync paused') {
      const paused = await new RelayApi(relay.url, relay.credentials.apiKey).patch('/v1/settings', { sync_mode: { mode: 'manual' } });
      if (paused.status !== 200) throw new Error(`PATCH /v1/settings answered ${paused.status}`);
    }
    const target: Target = { url: relay.url, path: relay.webhookPath, child: relay, server };
    const phases = await runAgainst(target, new SignedEventPool(relay.credentials.webhookSecret, 'ingest'), args, progress);
    return { phases, memory: relay.memory() };
  } finally {
    await relay.stop();
    removeDataDir(relay.dataDir);
  }
}

async function main(): Promise<void> {
  const args = parseArgs();
  const seconds = args.number('duration', 10);
  const storedGoal = args.number('stored', 100_000);
  const connections = args.number('connections', 32);
  const progress = (line: string) => {
    if (!args.json) process.stderr.write(`${line}\n`);
  };

  const relayRuns: Array<{ phases: Phase[]; memory: { rssMb: number; peakRssMb: number } }> = [];
  for (const server of ['relay (npm start)', 'relay, sync paused'] as const) {
    relayRuns.push(await measureRelay(server, { seconds, connections, storedGoal }, progress));
  }
  const relayPhases = relayRuns.flatMap((run) => run.phases);
  const relayMemory = relayRuns[0]?.memory ?? { rssMb: 0, peakRssMb: 0 };
  const webhookPath = '/v1/workspaces/default/webhooks/synaptiq';

  const port = await freePort();
  const bare = startTsChild('bench/support/bare-express.ts', { PORT: String(port) });
  let barePhases: Phase[];
  try {
    await waitForHttp(`http://127.0.0.1:${port}/ready`, bare);
    const target: Target = { url: `http://127.0.0.1:${port}`, path: webhookPath, child: bare, server: 'bare express' };
    barePhases = await runAgainst(target, new SignedEventPool('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'bare'), { seconds, connections, storedGoal: 0 }, progress);
  } finally {
    await bare.stop();
  }

  const phases = [...relayPhases, ...barePhases];
  printTable('Ingest: signed webhook events over loopback (autocannon)', phases.map((p) => ({
    server: p.server,
    phase: p.phase,
    'stored before': p.storedBefore,
    'accepted/s': p.acceptedPerSecond,
    'p50 ms': p.p50Ms,
    'p99 ms': p.p99Ms,
    'max ms': p.maxMs,
    'non-2xx': p.non2xx,
    errors: p.errors,
    'RSS MB': p.rssMb,
  })));

  const find = (server: Server, phase: string) => phases.find((p) => p.server === server && p.phase === phase);
  const saturation = find('relay (npm start)', 'saturation');
  const bareSaturation = find('bare express', 'saturation');
  const full = relayPhases.find((p) => p.server === 'relay (npm start)' && p.phase.startsWith('saturation,'));
  const at1000 = find('relay (npm start)', '1000/s');
  const paused = find('relay, sync paused', 'saturation');
  const ratio = saturation && bareSaturation ? saturation.acceptedPerSecond / bareSaturation.acceptedPerSecond : 0;
  const fullRatio = saturation && full ? full.acceptedPerSecond / saturation.acceptedPerSecond : 0;
  console.log(`\nRelay / bare Express at saturation: ${ratio.toFixed(3)} (sync paused: ${paused && bareSaturation ? (paused.acceptedPerSecond / bareSaturation.acceptedPerSecond).toFixed(3) : '-'}); relay (npm start) peak RSS ${relayMemory.peakRssMb} MB, ${relayMemory.rssMb} MB at the end.`);
  const checks: TargetCheck[] = [
    { name: 'accepted events/s at saturation (empty store)', target: '≥ 3000', measured: Math.round(saturation?.acceptedPerSecond ?? 0), met: (saturation?.acceptedPerSecond ?? 0) >= 3000 },
    { name: 'p99 ack latency at 1,000/s', target: '≤ 25 ms', measured: at1000?.p99Ms ?? -1, met: at1000 !== undefined && at1000.p99Ms <= 25 && at1000.non2xx === 0 },
    { name: `relay RSS after ${storedGoal} stored events`, target: '≤ 250 MB', measured: full?.rssMb ?? relayMemory.rssMb, met: (full?.rssMb ?? relayMemory.rssMb) <= 250 },
    { name: `saturation throughput at ${storedGoal} stored / empty store`, target: '≥ 0.80', measured: Number(fullRatio.toFixed(2)), met: fullRatio >= 0.8 },
    { name: 'no non-2xx answers and no errors to valid events', target: '0', measured: phases.reduce((n, p) => n + p.non2xx + p.errors, 0), met: phases.every((p) => p.non2xx === 0 && p.errors === 0) },
  ];
  printTargets(checks);
  if (args.json) printJsonLine('ingest', { seconds, connections, storedGoal, relayRuns: relayRuns.map((run) => run.memory), relayToBareRatio: ratio, phases }, checks);
}

await main();
