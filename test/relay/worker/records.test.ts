import assert from 'node:assert/strict';
import type { DedupDecision } from '@synaptiq/shared';
import type { BatchRunner } from '../../../relay/src/worker/types';
import { contactOutcome, leadCreated } from './support/builders';
import { startHarness } from './support/harness';

const reviewDecision: DedupDecision = { outcome: 'review', rule: 'name_company', score: 0.8, evidence: ['nickname Bill = William'] };

/** A core that creates the contact but flags it for review, as the "flag for review" strategy does. */
const flaggingBatch: BatchRunner = async ({ events, workspace }) => ({
  operations: events.map((event) => contactOutcome(event, { crmId: '901', url: 'https://crm.example/contact/901', review: true })),
  decisions: new Map(events.map((event) => [event.lead_id, reviewDecision])),
  ownerCursor: workspace.owner_cursor + 1,
});

describe('sync worker records', () => {
  it('logs each operation with its record type, CRM id and link', async () => {
    const { receive, advance, stores } = await startHarness({ runBatch: flaggingBatch });
    await receive(leadCreated('evt_1', 'lead_1'));
    await advance(250);
    const [entry] = (await stores.syncLog.list('acme', {}, { limit: 10 })).items;
    assert.deepEqual(
      entry && [entry.event_id, entry.lead_id, entry.record_type, entry.action, entry.status, entry.crm_id, entry.crm_url, entry.retry_count],
      ['evt_1', 'lead_1', 'contact', 'create (flagged for review)', 'success', '901', 'https://crm.example/contact/901', 0],
    );
  });

  it('keeps the dedup decision on the lead and opens its review', async () => {
    const { receive, advance, stores } = await startHarness({ runBatch: flaggingBatch });
    await receive(leadCreated('evt_1', 'lead_1'));
    await advance(250);
    const lead = await stores.leads.get('acme', 'lead_1');
    assert.deepEqual(lead?.dedup, reviewDecision);
    assert.equal(lead?.review?.state, 'open');
  });

  it('does not reopen a review the user already resolved', async () => {
    const { receive, advance, stores, time } = await startHarness({ runBatch: flaggingBatch });
    const event = leadCreated('evt_1', 'lead_1');
    if (event.type !== 'lead.created') throw new Error('fixture');
    await stores.leads.upsert('acme', event.data.lead, time.iso());
    await stores.leads.update('acme', 'lead_1', { review: { state: 'kept_separate', resolved_at: time.iso() } }, time.iso());
    await receive(event);
    await advance(250);
    assert.equal((await stores.leads.get('acme', 'lead_1'))?.review?.state, 'kept_separate');
  });

  it('saves where the deal owner round robin continues', async () => {
    const { receive, advance, stores } = await startHarness({ runBatch: flaggingBatch });
    await receive(leadCreated('evt_1', 'lead_1'));
    await advance(250);
    assert.equal((await stores.config.getWorkspace('acme'))?.owner_cursor, 1);
  });

  it('tells a listener how each event of a settled batch ended', async () => {
    const settled: string[] = [];
    const { receive, advance } = await startHarness({
      onSettled: ({ events }) => {
        settled.push(...events.map(({ event, result, operations }) => `${event.event_id}:${result.status}:${operations.length}`));
      },
    });
    await receive(leadCreated('evt_1', 'lead_1'));
    await advance(250);
    assert.deepEqual(settled, ['evt_1:synced:1']);
  });

  it('records the batch even when the listener fails', async () => {
    const { receive, advance, stores } = await startHarness({
      onSettled: () => {
        throw new Error('hook queue unavailable');
      },
    });
    await receive(leadCreated('evt_1', 'lead_1'));
    await advance(250);
    assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'synced');
  });

  it('reports each workspace\'s mode, pause and last run in its status', async () => {
    const { receive, advance, worker, time } = await startHarness();
    await receive(leadCreated('evt_1', 'lead_1'));
    await advance(250);
    assert.deepEqual(worker.status().workspaces, [
      { workspace_id: 'acme', mode: 'realtime', running: false, paused: false, in_flight: 0, last_run_at: time.iso(), last_batch_at: null },
    ]);
  });
});
