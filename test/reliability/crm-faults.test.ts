import assert from 'node:assert/strict';
import type { SandboxConfigInput } from '@synaptiq/sandbox-crm';
import { crmCensus } from '../../bench/support/crm-census';
import { drained, sendLeadLives } from '../../bench/support/harness-events';
import { startHarnessRelay, type HarnessRelay } from '../../bench/support/relay-harness';

/**
 * CRM faults from the sandbox (issue 7 §3): whatever the CRM does, every acknowledged event ends synced or
 * dead-lettered with its reason, and nothing is written twice. Short versions of the scenarios
 * (an 8-second outage instead of 60 s: longer than the adapter's in-call retries) so the file fits in `npm test`; the worker's retry delays are shortened
 * the same way (see bench/support/relay-harness.ts). A 429 costs a 10-second wait (HubSpot's rolling window), so 429 storms
 * and the 60-second outage run in `npm run bench:faults`.
 */
const leads = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('reliability: CRM faults from the sandbox', function () {
  this.timeout(60_000);
  let relay: HarnessRelay;
  let ws: { apiKey: string; webhookSecret: string };
  const workspaceId = 'faults';

  before(async () => {
    relay = await startHarnessRelay({ sandboxConfig: { hubspot: { tier: 'professional' } } });
    ws = await relay.addWorkspace(workspaceId);
  });
  after(async () => {
    await relay.close();
  });
  afterEach(() => {
    relay.sandbox.configure({ faults: { errorRate: 0, lockedRate: 0, latencyMs: 0, outage: null, next: [] }, auth: { tokens: [] } });
  });

  /** Sends `count` new leads' lives under a fault and checks they all reached the CRM exactly once. */
  async function survives(fault: SandboxConfigInput, first: number, count: number): Promise<void> {
    relay.sandbox.configure(fault);
    const ids = await sendLeadLives(relay, workspaceId, ws.webhookSecret, leads(first, count), `fault${first}`);
    const counts = await drained(relay.stores, workspaceId);
    assert.equal(counts.dead, 0, 'no event dead-lettered');
    const statuses = await Promise.all(ids.map((id) => relay.stores.events.get(workspaceId, id)));
    assert.deepEqual(statuses.filter((event) => event?.status !== 'synced').map((event) => `${event?.event_id}: ${event?.status}`), []);
    const census = crmCensus(relay.sandbox, 'hubspot');
    for (const [objectType, entry] of Object.entries(census)) assert.equal(entry.duplicates, 0, `no duplicate ${objectType}`);
    assert.ok(relay.sandbox.inspect().faultsInjected > 0 || fault.faults?.latencyMs, 'the fault was really injected');
  }

  it('syncs everything exactly once when 20% of CRM calls answer 503', async () => {
    await survives({ faults: { errorRate: 0.2 } }, 0, 10);
  });

  it('syncs everything exactly once when 20% of writes answer 423 Locked', async () => {
    await survives({ faults: { lockedRate: 0.2 } }, 200, 2);
  });

  it('syncs everything exactly once when the CRM answers slowly', async () => {
    await survives({ faults: { latencyMs: 150 } }, 300, 3);
  });

  it('retries through a CRM outage, logs the failed attempts in the sync log, then syncs everything', async () => {
    const now = Date.now();
    relay.sandbox.configure({ faults: { outage: { start: now, end: now + 8_000 } } });
    await sendLeadLives(relay, workspaceId, ws.webhookSecret, leads(400, 4), 'outage');
    const counts = await drained(relay.stores, workspaceId, 50_000);
    assert.equal(counts.dead, 0);
    const log = await relay.stores.syncLog.list(workspaceId, { lead_id: 'lead_bench_400' }, { limit: 100 });
    assert.ok(log.items.some((entry) => entry.status === 'failed' && entry.error?.code === 'crm.transient'), 'the failed attempt is in the sync log with its reason');
    assert.ok(log.items.some((entry) => entry.status === 'success'), 'and the success after it');
  });

  it('pauses on an expired token, keeps every event, and syncs them once the token works again', async () => {
    relay.sandbox.configure({ auth: { tokens: ['a-token-the-relay-does-not-have'] } });
    const ids = await sendLeadLives(relay, workspaceId, ws.webhookSecret, leads(500, 3), 'token');
    await drained(relay.stores, workspaceId);
    const paused = await relay.stores.config.getWorkspace(workspaceId);
    assert.equal(paused?.status.paused, true);
    assert.match(paused?.status.reason?.code ?? '', /^crm\.auth_/);

    relay.sandbox.configure({ auth: { tokens: [] } });
    const resumed = await relay.request('/v1/settings', { method: 'PATCH', headers: { authorization: `Bearer ${ws.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ contact_creation: true }) });
    assert.equal(resumed.status, 200);
    await relay.worker.resume(workspaceId);
    const counts = await drained(relay.stores, workspaceId);
    assert.equal(counts.dead, 0);
    const events = await Promise.all(ids.map((id) => relay.stores.events.get(workspaceId, id)));
    assert.ok(events.every((event) => event?.status === 'synced'));
  });

  it('dead-letters what the CRM refuses with the reason, syncs the rest of the batch, and replay clears the dead letters', async () => {
    // A mapping mistake: the job title goes to the number property meant for the score, so the one lead with
    // a title is refused.
    const poison = await relay.addWorkspace('poison', 'hubspot', { field_mapping: { contact: { synaptiq_lead_score: null, synaptiq_title: 'synaptiq_lead_score' } } });
    const auth = { authorization: `Bearer ${poison.apiKey}`, 'content-type': 'application/json' };
    const ids = await sendLeadLives(relay, 'poison', poison.webhookSecret, leads(600, 4), 'poison', (event) => {
      const lead = (event.data as { lead: { id: string; title?: string } }).lead;
      if (lead.id === 'lead_bench_600') lead.title = 'Chief Executive';
    });
    await drained(relay.stores, 'poison');
    const dead = (await relay.stores.events.list('poison', { status: 'dead' }, { limit: 100 })).items;
    assert.ok(dead.length > 0, 'the refused lead is dead-lettered');
    assert.deepEqual([...new Set(dead.map((event) => event.lead_id))], ['lead_bench_600'], 'and only that lead');
    assert.equal(dead[0]?.last_error?.code, 'crm.validation');
    assert.match(dead[0]?.last_error?.message ?? '', /Chief Executive/, 'the reason names the refused value');
    const events = await Promise.all(ids.map((id) => relay.stores.events.get('poison', id)));
    assert.ok(events.filter((event) => event?.lead_id !== 'lead_bench_600').every((event) => event?.status === 'synced'), 'the rest of the batch is synced');

    // The user fixes the mapping, then replays the dead letters.
    const fixed = await relay.request('/v1/settings', { method: 'PATCH', headers: auth, body: JSON.stringify({ field_mapping: { contact: { synaptiq_lead_score: 'synaptiq_lead_score', synaptiq_title: 'jobtitle' } } }) });
    assert.equal(fixed.status, 200, fixed.text);
    for (const event of dead) {
      const replay = await relay.request(`/v1/events/${event.event_id}/replay`, { method: 'POST', headers: auth });
      assert.equal(replay.status, 202, replay.text);
    }
    const counts = await drained(relay.stores, 'poison');
    assert.deepEqual([counts.dead, counts.synced], [0, ids.length], 'replay cleared the dead letters');
  });
});
