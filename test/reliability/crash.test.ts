import assert from 'node:assert/strict';
import { runCrashScenario, type CrashRunReport } from '../../bench/support/crash-run';

/**
 * Crash (issue 7 §3), the short version: the relay runs in a child process and is killed with SIGKILL three times
 * while 300 signed events arrive, then restarted on the same data. Kills land on the ingest path only (sync
 * is manual until everything is sent: see CrashRunOptions.ingestOnly); `npm run bench:crash` runs 5,000
 * events with five kills in real-time mode, one of them mid-sync.
 */
describe('reliability: kill -9 during ingest', function () {
  this.timeout(60_000);
  let report: CrashRunReport;

  before(async () => {
    report = await runCrashScenario({ crm: 'hubspot', events: 300, kills: 3, seed: 20261126, ingestOnly: true });
  });

  it('was really killed three times while events were arriving', () => {
    assert.equal(report.kills.length, 3);
    assert.ok(report.ledger.retriedAttempts > 0, 'the sender had to retry what the dead relay did not answer');
  });

  it('keeps the ledger: sent = acknowledged + rejected, acknowledged = synced + dead-lettered', () => {
    const { ledger, outcome } = report;
    assert.deepEqual([ledger.sent, ledger.undelivered], [ledger.acknowledged + ledger.rejected, 0]);
    assert.equal(ledger.acknowledged, outcome.synced + outcome.skipped + outcome.dead);
    assert.equal(outcome.other, 0);
  });

  it('loses no acknowledged event, writes no CRM record twice, and prints no secret', () => {
    assert.deepEqual(report.problems, []);
    for (const entry of Object.values(report.census)) assert.deepEqual([entry.records, entry.duplicates], [report.leads, 0]);
  });
});
