import assert from 'node:assert/strict';
import { SyncError } from '@synaptiq/shared';
import { contactOutcome, leadCreated } from './support/builders';
import { startHarness } from './support/harness';

const retryOptions = { retry: { maxAttempts: 3, baseDelayMs: 60_000, factor: 2, maxDelayMs: 3_600_000, jitter: { kind: 'none' as const } } };

describe('sync worker retries', () => {
  it('retries a transient CRM failure after the backoff and then syncs', async () => {
    const { crm, receive, advance, stores, time } = await startHarness({ options: retryOptions });
    crm.failNext(new SyncError('crm.transient', 'HubSpot answered 502.'));
    await receive(leadCreated('evt_1', 'lead_1'));
    await advance(250);
    const failed = await stores.events.get('acme', 'evt_1');
    assert.equal(failed?.status, 'failed');
    assert.equal(failed?.next_attempt_at, new Date(time.now() + 60_000).toISOString());
    await advance(59_000);
    assert.equal(crm.recordsOf('contact').length, 0);
    await advance(5_000);
    assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'synced');
    assert.equal(crm.recordsOf('contact').length, 1);
  });

  it('retries a transient CRM failure 5 s and then 15 s later by default (the CRM retry schedule)', async () => {
    const { crm, receive, advance, stores } = await startHarness();
    crm.failNext(new SyncError('crm.transient', 'HubSpot answered 502.'), 2);
    await receive(leadCreated('evt_1', 'lead_1'));
    const waitAfterFailure = async () => {
      const event = await stores.events.get('acme', 'evt_1');
      return [event?.attempts, Date.parse(event?.next_attempt_at ?? '') - Date.parse(event?.updated_at ?? '')];
    };
    await advance(250);
    assert.deepEqual(await waitAfterFailure(), [1, 5_000]);
    // The worker looks for due retries every pollMs (5 s), so the retry runs at the first look after it is due.
    await advance(10_000);
    assert.deepEqual(await waitAfterFailure(), [2, 15_000]);
    await advance(20_000);
    assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'synced');
    assert.equal(crm.recordsOf('contact').length, 1);
  });

  it('logs each attempt with its retry count', async () => {
    const { crm, receive, advance, stores } = await startHarness({ options: retryOptions });
    crm.failNext(new SyncError('crm.transient', 'HubSpot answered 502.'));
    await receive(leadCreated('evt_1', 'lead_1'));
    await advance(250);
    await advance(65_000);
    const log = await stores.syncLog.list('acme', {}, { limit: 10 });
    assert.deepEqual(
      log.items.map((entry) => [entry.status, entry.retry_count]),
      [
        ['success', 1],
        ['failed', 0],
      ],
    );
  });

  it('runs a failed event at once on Sync Now instead of waiting for its retry time, and counts it as pushed', async () => {
    const { crm, receive, advance, stores, worker } = await startHarness({ options: retryOptions });
    crm.failNext(new SyncError('crm.transient', 'HubSpot answered 502.'));
    await receive(leadCreated('evt_1', 'lead_1'));
    await advance(250);
    assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'failed');
    const result = await worker.syncNow('acme');
    assert.deepEqual([result.pushed, result.failed, result.remaining], [1, 0, 0]);
    assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'synced');
  });

  it('leaves dead letters alone on Sync Now', async () => {
    const { crm, receive, advance, stores, worker } = await startHarness({ options: retryOptions });
    crm.failNext(new SyncError('crm.validation', 'Email is not valid.'));
    await receive(leadCreated('evt_1', 'lead_1'));
    await advance(250);
    const result = await worker.syncNow('acme');
    assert.deepEqual([result.pushed, result.remaining], [0, 0]);
    assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'dead');
  });

  it('waits as long as a rate-limited CRM asks', async () => {
    const { crm, receive, advance, stores, time } = await startHarness({ options: retryOptions });
    crm.failNext(new SyncError('crm.rate_limited', 'Ten-second limit reached.', { retryAfterMs: 600_000 }));
    await receive(leadCreated('evt_1', 'lead_1'));
    await advance(250);
    assert.equal((await stores.events.get('acme', 'evt_1'))?.next_attempt_at, new Date(time.now() + 600_000).toISOString());
  });

  it('dead-letters the event after the last attempt, keeping the error', async () => {
    const { crm, receive, advance, stores } = await startHarness({ options: { ...retryOptions, tickMs: 5_000 } });
    crm.failNext(new SyncError('crm.transient', 'HubSpot answered 502.'), 3);
    await receive(leadCreated('evt_1', 'lead_1'));
    await advance(250);
    await advance(60_000 + 5_000);
    await advance(120_000 + 5_000);
    const dead = await stores.events.get('acme', 'evt_1');
    assert.equal(dead?.status, 'dead');
    assert.equal(dead?.last_error?.code, 'crm.transient');
    assert.equal(crm.calls.length, 3);
    await advance(24 * 3_600_000);
    assert.equal(crm.calls.length, 3);
  });

  it('syncs a dead letter again once it is replayed', async () => {
    const { crm, receive, advance, stores, time, worker } = await startHarness({ options: retryOptions });
    crm.failNext(new SyncError('crm.validation', 'Email is not valid.'));
    await receive(leadCreated('evt_1', 'lead_1'));
    await advance(250);
    assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'dead');
    await stores.events.release('acme', ['evt_1'], time.iso());
    worker.kick('acme');
    await advance(250);
    assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'synced');
  });

  const permanent = [
    ['crm.validation', 'Email is not valid.'],
    ['crm.duplicate_rule', 'A duplicate rule blocked the Lead.'],
    ['crm.not_found', 'Contact 42 was deleted.'],
  ] as const;
  for (const [code, message] of permanent) {
    it(`dead-letters at once on ${code}, with what to do in the log`, async () => {
      const { crm, receive, advance, stores } = await startHarness({ options: retryOptions });
      crm.failNext(new SyncError(code, message));
      await receive(leadCreated('evt_1', 'lead_1'));
      await advance(250);
      assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'dead');
      const [entry] = (await stores.syncLog.list('acme', { status: 'failed' }, { limit: 1 })).items;
      assert.equal(entry?.error?.message, message);
      assert.match(entry?.message ?? '', /Replay|duplicate rule|Check the field mapping/);
    });
  }

  it('skips an event the core skips, without retrying it', async () => {
    const { receive, advance, stores } = await startHarness({
      runBatch: async ({ events, workspace }) => ({
        operations: events.map((event) => contactOutcome(event, { status: 'skipped', reason: 'the lead has no email yet' })),
        decisions: new Map(),
        ownerCursor: workspace.owner_cursor,
      }),
    });
    await receive(leadCreated('evt_1', 'lead_1'));
    await advance(250);
    assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'skipped');
    const [entry] = (await stores.syncLog.list('acme', {}, { limit: 1 })).items;
    assert.deepEqual([entry?.status, entry?.message], ['skipped', 'the lead has no email yet']);
  });
});
