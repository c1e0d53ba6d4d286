/**
 * CRM fault benchmark: npm run bench:faults [-- --json] [-- --leads N] [-- --only name]
 * The long versions of test/reliability/crm-faults.test.ts: the relay (wired as server.ts, the worker on its own
 * retry schedule: 1 min, 4 min …) syncs N leads (default 100, 4 events each) into the sandbox HubSpot (Starter
 * limits) while the sandbox injects one fault per scenario: 20% 5xx, a storm of 429s, a 60-second outage, 20% 423,
 * 1-second answers, a revoked token fixed after 20 s. Reports per scenario: synced / dead-lettered (with reasons),
 * failed attempts in the sync log, faults injected, duplicates in the CRM, time; dead letters are then replayed.
 */
import type { SandboxConfigInput } from '@synaptiq/sandbox-crm';
import { crmCensus } from './support/crm-census';
import { drained, sendLeadLives } from './support/harness-events';
import { startHarnessRelay, type HarnessRelay } from './support/relay-harness';
import { parseArgs, printJsonLine, printTable, printTargets, type TargetCheck } from './support/report';

interface Scenario {
  name: string;
  fault: (now: number) => SandboxConfigInput;
  /** Runs while the events are being synced (e.g. the user fixing the token). */
  during?: (relay: HarnessRelay, apiKey: string) => Promise<void>;
}

const scenarios: Scenario[] = [
  { name: '20% 5xx', fault: () => ({ faults: { errorRate: 0.2 } }) },
  { name: 'storm of 10 429s', fault: () => ({ faults: { next: [{ status: 429, times: 10, api: 'hubspot' }] } }) },
  { name: '60-s outage', fault: (now) => ({ faults: { outage: { start: now, end: now + 60_000 } } }) },
  { name: '20% 423 Locked', fault: () => ({ faults: { lockedRate: 0.2 } }) },
  { name: '1-s answers', fault: () => ({ faults: { latencyMs: 1000 } }) },
  {
    name: 'token revoked, fixed after 20 s',
    fault: () => ({ auth: { tokens: ['a-token-the-relay-does-not-have'] } }),
    during: async (relay, apiKey) => {
      await new Promise((resolve) => setTimeout(resolve, 20_000));
      relay.sandbox.configure({ auth: { tokens: [] } });
      // The user reconnects: any settings save resumes a paused workspace.
      await relay.request('/v1/settings', { method: 'PATCH', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ contact_creation: true }) });
    },
  },
];

interface ScenarioFigures {
  scenario: string;
  events: number;
  synced: number;
  dead: number;
  deadReasons: string[];
  failedAttemptsLogged: number;
  faultsInjected: number;
  received429: number;
  duplicates: number;
  seconds: number;
  deadAfterReplay: number;
}

async function countFailedLog(relay: HarnessRelay, workspaceId: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page = await relay.stores.syncLog.list(workspaceId, { status: 'failed' }, { limit: 500, cursor });
    count += page.items.length;
    cursor = page.next_cursor;
  } while (cursor);
  return count;
}

async function runScenario(scenario: Scenario, leads: number, progress: (line: string) => void): Promise<ScenarioFigures> {
  const relay = await startHarnessRelay({ realWorkerTiming: true, sandboxConfig: { hubspot: { tier: 'starter' } } });
  try {
    const { apiKey, webhookSecret } = await relay.addWorkspace('faults');
    const started = performance.now();
    relay.sandbox.configure(scenario.fault(Date.now()));
    progress(`${scenario.name}: ${leads} leads`);
    const during = scenario.during?.(relay, apiKey);
    const ids = await sendLeadLives(relay, 'faults', webhookSecret, Array.from({ length: leads }, (_, i) => i), 'faults');
    await during;
    const counts = await drained(relay.stores, 'faults', 15 * 60_000);
    const seconds = (performance.now() - started) / 1000;
    const dead = (await relay.stores.events.list('faults', { status: 'dead' }, { limit: 100 })).items;
    const stats = relay.sandbox.inspect();
    const figures: ScenarioFigures = {
      scenario: scenario.name,
      events: ids.length,
      synced: counts.synced,
      dead: counts.dead,
      deadReasons: [...new Set(dead.map((event) => `${event.last_error?.code}: ${event.last_error?.message}`))],
      failedAttemptsLogged: await countFailedLog(relay, 'faults'),
      faultsInjected: stats.faultsInjected,
      received429: Object.entries(stats.statuses).filter(([key]) => key.endsWith(' 429')).reduce((n, [, v]) => n + v, 0),
      duplicates: Object.values(crmCensus(relay.sandbox, 'hubspot')).reduce((n, entry) => n + entry.duplicates, 0),
      seconds,
      deadAfterReplay: 0,
    };
    if (dead.length > 0) {
      relay.sandbox.configure({ faults: { errorRate: 0, lockedRate: 0, latencyMs: 0, outage: null, next: [] }, auth: { tokens: [] } });
      for (const event of dead) await relay.request(`/v1/events/${event.event_id}/replay`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}` } });
      figures.deadAfterReplay = (await drained(relay.stores, 'faults', 15 * 60_000)).dead;
    }
    return figures;
  } finally {
    await relay.close();
  }
}

async function main(): Promise<void> {
  const args = parseArgs();
  const leads = args.number('leads', 100);
  const only = args.text('only');
  const progress = (line: string) => {
    if (!args.json) process.stderr.write(`${line}\n`);
  };
  const results: ScenarioFigures[] = [];
  for (const scenario of scenarios.filter((s) => only === undefined || s.name.includes(only))) results.push(await runScenario(scenario, leads, progress));

  printTable(`CRM faults: ${leads} leads × 4 events per scenario into the sandbox HubSpot (Starter), the relay's own retry schedule`, results.map((r) => ({
    scenario: r.scenario,
    events: r.events,
    synced: r.synced,
    'dead-lettered': r.dead,
    'failed attempts in sync log': r.failedAttemptsLogged,
    'faults injected': r.faultsInjected,
    '429s': r.received429,
    'CRM duplicates': r.duplicates,
    seconds: r.seconds,
    'dead after replay': r.deadAfterReplay,
  })));
  for (const r of results) for (const reason of r.deadReasons) console.log(`${r.scenario}: dead-lettered because ${reason}`);
  const checks: TargetCheck[] = results.map((r) => ({
    name: `${r.scenario}: every event synced or dead-lettered with a reason, no duplicate, replay clears the dead letters`,
    target: 'synced + dead = events, 0 duplicates, 0 dead after replay',
    measured: `${r.synced}+${r.dead}/${r.events}, ${r.duplicates} dup, ${r.deadAfterReplay} dead after replay`,
    met: r.synced + r.dead === r.events && r.duplicates === 0 && r.deadAfterReplay === 0 && r.deadReasons.every((reason) => reason.length > 10),
  }));
  printTargets(checks);
  if (args.json) printJsonLine('faults', { leads, scenarios: results }, checks);
  if (checks.some((check) => !check.met)) process.exitCode = 1;
}

await main();
