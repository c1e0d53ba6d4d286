import assert from 'node:assert/strict';
import { MemoryCrmAdapter, SyncError } from '@synaptiq/shared';
import type { MemoryCrmOptions, SynaptiqEvent } from '@synaptiq/shared';
import { coreBatchRunner } from '../../../relay/src/worker/core-batch-runner';
import { leadCreated, meetingBooked } from './support/builders';
import { startHarness } from './support/harness';
import type { HarnessOptions } from './support/harness';

/** The worker over the real core (syncBatch: dedup, planning, executor) and the in-memory CRM. */
async function withCore(crmOptions: MemoryCrmOptions = {}, setup: HarnessOptions = {}) {
  const memory = new MemoryCrmAdapter(crmOptions);
  const harness = await startHarness({ ...setup, runBatch: coreBatchRunner(), crmFor: async () => memory });
  return { ...harness, memory };
}

const qualified = (eventId: string, leadId: string): SynaptiqEvent => {
  const event = leadCreated(eventId, leadId);
  return { ...event, type: 'lead.qualified', data: { lead: { ...event.data.lead, qualification_status: 'qualified' } } };
};

describe('sync worker over the core', () => {
  it('syncs a burst of 100 new leads in one lookup and one upsert call per record type', async () => {
    const { memory, receive, advance, stores } = await withCore();
    await receive(...Array.from({ length: 100 }, (_, i) => leadCreated(`evt_${i}`, `lead_${i}`)));
    await advance(250);
    assert.equal(memory.records('contact').length, 100);
    assert.equal(memory.calls.findContactsByEmail, 1);
    assert.deepEqual(memory.upsertBatches, [
      { objectType: 'company', size: 1 },
      { objectType: 'contact', size: 100 },
    ]);
    assert.equal((await stores.events.countByStatus('acme')).synced, 100);
  });

  it('creates a lead\'s meeting after its contact and associated with it', async () => {
    const { memory, receive, advance } = await withCore();
    await receive(leadCreated('evt_1', 'lead_1'), meetingBooked('evt_2', 'lead_1'));
    await advance(250);
    const [contact] = memory.records('contact');
    const [meeting] = memory.records('meeting');
    assert.ok(contact && meeting);
    assert.ok(meeting.associations.has(`contact:${contact.id}`));
    const order = memory.upsertBatches.map((batch) => batch.objectType);
    assert.ok(order.indexOf('contact') < order.indexOf('meeting'), order.join(', '));
  });

  it('continues a batch that crashed half-way without creating any record twice', async () => {
    const memory = new MemoryCrmAdapter();
    const first = await startHarness({ start: false, runBatch: coreBatchRunner(), crmFor: async () => memory });
    await first.receive(qualified('evt_1', 'lead_1'), qualified('evt_2', 'lead_2'));
    // The crashed worker wrote to the CRM but never marked its events.
    const claimed = await first.stores.events.claim({ workspaceIds: ['acme'], now: first.time.iso(), limit: 10, leaseUntil: new Date(first.time.now() + 60_000).toISOString() });
    await coreBatchRunner()({ workspace: first.workspace, crm: memory, links: first.stores.links, events: claimed, now: first.time.now() });
    const written = { contacts: memory.records('contact').length, deals: memory.records('deal').length };
    const restarted = await startHarness({ stores: first.stores, runBatch: coreBatchRunner(), crmFor: async () => memory, options: { leaseMs: 60_000 } });
    await restarted.advance(65_000);
    assert.equal((await first.stores.events.countByStatus('acme')).synced, 2);
    assert.deepEqual({ contacts: memory.records('contact').length, deals: memory.records('deal').length }, written);
    assert.deepEqual(written, { contacts: 2, deals: 2 });
  });

  it('pauses on an invalid property and, once fixed, syncs every event that waited', async () => {
    let propertyMissing = true;
    const invalid = new SyncError('crm.invalid_property', 'Property "lead_score__c" does not exist.').toJSON();
    const { memory, receive, advance, stores } = await withCore({ rejectWrite: (type) => (propertyMissing && type === 'contact' ? invalid : undefined) });
    await receive(leadCreated('evt_1', 'lead_1'), leadCreated('evt_2', 'lead_2'));
    await advance(250);
    assert.equal((await stores.config.getWorkspace('acme'))?.status.paused, true);
    assert.equal((await stores.events.countByStatus('acme')).pending, 2);

    propertyMissing = false;
    const workspace = await stores.config.getWorkspace('acme');
    assert.ok(workspace);
    await stores.config.saveWorkspace({ ...workspace, settings: { ...workspace.settings, field_mapping: { ...workspace.settings.field_mapping, contact: { synaptiq_lead_score: null } } } });
    await advance(1_000);
    assert.equal((await stores.events.countByStatus('acme')).synced, 2);
    assert.equal(memory.records('contact').length, 2);
  });

  it('pauses on a deal stage the CRM lacks, naming the stage and the valid choices, instead of skipping the deal', async () => {
    const { memory, receive, advance, stores } = await withCore({}, { settings: { deal_creation: { initial_stage: 'Hot Lead' } } });
    await receive(qualified('evt_1', 'lead_1'));
    await advance(250);
    const status = (await stores.config.getWorkspace('acme'))?.status;
    assert.equal(status?.paused, true);
    assert.match(status?.reason?.message ?? '', /Deal stage "Hot Lead" was not found in pipeline "Sales Pipeline" \(stages: "Appointment Scheduled", "Qualified Lead".*Deal Settings/);
    assert.deepEqual(status?.reason?.details['choices'], ['Appointment Scheduled', 'Qualified Lead', 'Qualified To Buy', 'Contract Sent', 'Closed Won', 'Closed Lost']);
    assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'pending');
    assert.equal(memory.records('deal').length, 0);
  });

  it('creates the deal that waited once the deal settings are fixed', async () => {
    const { memory, receive, advance, stores } = await withCore({}, { settings: { deal_creation: { pipeline: 'Renewals' } } });
    await receive(qualified('evt_1', 'lead_1'));
    await advance(250);
    assert.equal((await stores.config.getWorkspace('acme'))?.status.paused, true);
    const workspace = await stores.config.getWorkspace('acme');
    assert.ok(workspace);
    await stores.config.saveWorkspace({ ...workspace, settings: { ...workspace.settings, deal_creation: { ...workspace.settings.deal_creation, pipeline: 'Sales Pipeline' } } });
    await advance(1_000);
    assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'synced');
    assert.deepEqual([memory.records('contact').length, memory.records('deal').length], [1, 1]);
  });

  it('retries a rate-limited batch later without duplicating what it already wrote', async () => {
    const { memory, receive, advance, stores } = await withCore({}, { options: { retry: { baseDelayMs: 1_000, jitter: { kind: 'none' } } } });
    memory.failNextCall('upsertRecords', new SyncError('crm.rate_limited', 'Ten-second limit reached.', { retryAfterMs: 10_000 }));
    await receive(qualified('evt_1', 'lead_1'));
    await advance(250);
    assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'failed');
    await advance(15_000);
    assert.equal((await stores.events.get('acme', 'evt_1'))?.status, 'synced');
    assert.deepEqual([memory.records('company').length, memory.records('contact').length, memory.records('deal').length], [1, 1, 1]);
  });

  it('opens a review for a lead created as a possible duplicate', async () => {
    const { memory, receive, advance, stores } = await withCore({}, { settings: { duplicate_strategy: 'flag_for_review' } });
    // Same name and company, another email: a possible duplicate HubSpot itself would not catch.
    memory.seed('contact', { email: 'ada@elsewhere.example', firstname: 'Ada', lastname: 'lead_1', company: 'Analytical Engines Ltd' });
    await receive(leadCreated('evt_1', 'lead_1'));
    await advance(250);
    const lead = await stores.leads.get('acme', 'lead_1');
    assert.notEqual(lead?.dedup?.outcome, 'no_match');
    assert.equal(lead?.review?.state, 'open');
    assert.equal(memory.records('contact').length, 2);
    const [entry] = (await stores.syncLog.list('acme', { record_type: 'contact' }, { limit: 1 })).items;
    assert.match(entry?.action ?? '', /flagged for review/);
  });
});
