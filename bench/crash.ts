/**
 * Crash benchmark: npm run bench:crash [-- --json] [-- --events N] [-- --kills K] [-- --seed S] [-- --crm hubspot|salesforce]
 * Sends N (default 5,000) signed events to the relay in a child process and kills it with SIGKILL K times
 * (default 5) at random points, restarting it on the same data. Fails (exit 1) on any lost, unacknowledged-but-
 * stored or duplicated event or CRM record. The quick version runs in `npm test` (test/reliability/crash.test.ts).
 */
import { runCrashScenario, type CrashRunReport } from './support/crash-run';
import { parseArgs, printJsonLine, printTable, printTargets, type TargetCheck } from './support/report';

async function main(): Promise<void> {
  const args = parseArgs();
  const events = args.number('events', 5000);
  const kills = args.number('kills', 5);
  const seed = args.number('seed', Date.now() % 1_000_000);
  const only = args.text('crm');
  const modes = (['hubspot', 'salesforce'] as const).filter((crm) => only === undefined || only === crm);
  const progress = (line: string) => {
    if (!args.json) process.stderr.write(`${line}\n`);
  };
  const reports: CrashRunReport[] = [];
  for (const crm of modes) {
    progress(`${crm}: ${events} events, ${kills} kills, seed ${seed}`);
    reports.push(await runCrashScenario({ crm, events, kills, seed, progress }));
  }
  printTable(`Crash: ${events} events, kill -9 ${kills} times (seed ${seed})`, reports.map((r) => ({
    crm: r.crm,
    sent: r.ledger.sent,
    acknowledged: r.ledger.acknowledged,
    rejected: r.ledger.rejected,
    'retried attempts': r.ledger.retriedAttempts,
    synced: r.outcome.synced,
    skipped: r.outcome.skipped,
    dead: r.outcome.dead,
    kills: r.kills.map((k) => `${k.afterAcknowledged}${k.phase === 'draining' ? ' (drain)' : ''}`).join(' '),
    'CRM records': Object.entries(r.census).map(([type, c]) => `${type} ${c.records}`).join(', '),
    duplicates: Object.values(r.census).reduce((n, c) => n + c.duplicates, 0),
    seconds: r.seconds,
  })));
  for (const r of reports) for (const problem of r.problems) console.log(`✘ ${r.crm}: ${problem}`);
  const checks: TargetCheck[] = reports.map((r) => ({ name: `${r.crm}: nothing lost, nothing duplicated, ledger balanced`, target: '0 problems', measured: r.problems.length, met: r.problems.length === 0 }));
  printTargets(checks);
  if (args.json) printJsonLine('crash', { events, kills, seed, reports }, checks);
  if (checks.some((check) => !check.met)) process.exitCode = 1;
}

await main();
