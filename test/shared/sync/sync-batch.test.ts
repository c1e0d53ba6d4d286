import assert from 'node:assert/strict';
import { MemoryCrmAdapter } from '../../../shared/src/adapters/memory/memory-crm-adapter';
import { decideDuplicate } from '../../../shared/src/dedupe/decide';
import type { SynaptiqEvent } from '../../../shared/src/schemas/events';
import type { WorkspaceSettings } from '../../../shared/src/schemas/settings';
import { keys } from '../../../shared/src/sync/operations';
import { syncBatch, type DecideDuplicate } from '../../../shared/src/sync/sync-batch';
import { loadEvent } from '../../fixtures/events/load-event';
import { burstLead, MapLinkStore, now, settingsWith } from './helpers';

const WS = 'acme';
const ADA = 'lead_01HZX3';

function setup(settings: WorkspaceSettings = settingsWith(), decide: DecideDuplicate = decideDuplicate) {
  const crm = new MemoryCrmAdapter();
  const links = new MapLinkStore();
  const run = (events: SynaptiqEvent[], ownerCursor = 0) => syncBatch({ workspaceId: WS, events, settings, crm, links, decide, now, ownerCursor });
  return { crm, links, run };
}

describe('syncBatch', () => {
  it('syncs a new lead end to end and returns the next owner cursor', async () => {
    const { crm, run } = setup();
    const { results, decisions, ownerCursor } = await run([loadEvent('lead.qualified')], 5);
    assert.deepEqual(results.map((r) => `${r.objectType}:${r.status}`), ['company:success', 'contact:success', 'deal:success']);
    assert.equal(decisions.get(ADA)?.outcome, 'no_match');
    assert.equal(ownerCursor, 6);
    assert.equal(crm.records('deal')[0]?.properties.hubspot_owner_id, 'owner-2', 'cursor 5 over two active owners');
  });

  it('updates the contact that already has the lead\'s email instead of creating one', async () => {
    const { crm, run } = setup();
    const existing = crm.seed('contact', { email: 'ada@analytical.example', firstname: 'Ada', lastname: 'Lovelace' });
    const { results, decisions } = await run([loadEvent('lead.updated')]);
    assert.equal(decisions.get(ADA)?.outcome, 'match');
    assert.deepEqual(results.find((r) => r.objectType === 'contact')?.crmId, existing.id);
    assert.equal(crm.records('contact').length, 1);
    assert.equal(crm.get('contact', existing.id)?.properties.synaptiq_lead_score, 64);
  });

  it('links a matched contact and never writes to it under the skip strategy, even on later events', async () => {
    const { crm, run } = setup(settingsWith({ duplicate_strategy: 'skip' }));
    const existing = crm.seed('contact', { email: 'ada@analytical.example', firstname: 'Ada', lastname: 'Lovelace' });
    const { results } = await run([loadEvent('lead.updated')]);
    assert.equal(results.find((r) => r.objectType === 'contact')?.action, 'link');
    await run([loadEvent('lead.qualified')]);
    assert.deepEqual(crm.get('contact', existing.id)?.properties, { email: 'ada@analytical.example', firstname: 'Ada', lastname: 'Lovelace' });
    assert.equal(crm.records('deal').length, 1);
  });

  it('creates a flagged record for a review decision', async () => {
    const review: DecideDuplicate = (_lead, candidates) => ({ outcome: 'review', rule: 'phone', score: 0.5, record: candidates[0], evidence: ['phone equal'] });
    const { crm, run } = setup(settingsWith(), review);
    const other = crm.seed('contact', { email: 'someone@else.example', phone: '+44 20 7946 0958', lastname: 'Lovelace' });
    const { results } = await run([loadEvent('lead.updated')]);
    assert.equal(results.find((r) => r.objectType === 'contact')?.review, true);
    const flagged = crm.records('contact').find((r) => r.id !== other.id);
    assert.deepEqual([flagged?.properties.synaptiq_review_status, flagged?.properties.synaptiq_duplicate_of], ['possible_duplicate', other.id]);
  });

  it('looks up every unlinked email in one call and the rest in one candidate call', async () => {
    const { crm, run } = setup();
    crm.seed('contact', { email: 'person1@company1.example', lastname: 'Example' });
    await run([burstLead(1, 'lead.created'), burstLead(2, 'lead.created'), burstLead(3, 'lead.created')]);
    assert.equal(crm.calls.findContactsByEmail, 1);
    assert.equal(crm.calls.findContactCandidates, 1);
    assert.equal(crm.calls.listPipelines, 0, 'no deal can be written, so no pipelines are read');
  });

  it('does not look up leads whose contact is already linked', async () => {
    const { crm, links, run } = setup();
    await links.put(WS, [{ key: keys.contact(ADA), object_type: 'contact', crm_id: crm.seed('contact', { email: 'ada@analytical.example' }).id }]);
    const { decisions } = await run([loadEvent('lead.updated')]);
    assert.equal(crm.calls.findContactsByEmail + crm.calls.findContactCandidates, 0);
    assert.equal(decisions.size, 0);
  });

  it('uses the pipelines and owners the caller passes instead of fetching them', async () => {
    const { crm, links } = setup();
    const crmContext = { pipelines: await crm.listPipelines(), owners: [] };
    await syncBatch({ workspaceId: WS, events: [loadEvent('lead.qualified')], settings: settingsWith(), crm, links, decide: decideDuplicate, now, ownerCursor: 0, crmContext });
    assert.deepEqual([crm.calls.listPipelines, crm.calls.listOwners], [1, 0]);
  });

  it('writes nothing new when the same batch is synced again', async () => {
    const { crm, run } = setup();
    const events = [loadEvent('lead.qualified'), loadEvent('conversation.completed'), loadEvent('meeting.booked')];
    await run(events);
    const counts = () => (['company', 'contact', 'deal', 'note', 'meeting'] as const).map((type) => crm.records(type).length);
    const before = counts();
    const { results } = await run(events);
    assert.deepEqual(counts(), before);
    assert.deepEqual(before, [1, 1, 1, 1, 1]);
    assert.ok(results.every((r) => r.action !== 'create'));
  });

  it('creates a deal opened and won in the same batch once, at the won stage', async () => {
    const { crm, run } = setup();
    const { results } = await run([loadEvent('lead.qualified'), loadEvent('lead.updated', { qualification_status: 'won' })]);
    assert.equal(crm.records('deal').length, 1);
    assert.equal(crm.records('deal')[0]?.properties.dealstage, 'closedwon');
    assert.ok(results.filter((r) => r.objectType === 'deal').every((r) => r.status === 'success'));
  });

  it('creates a meeting booked and cancelled in the same batch once, cancelled', async () => {
    const { crm, run } = setup();
    await run([loadEvent('meeting.booked'), loadEvent('meeting.cancelled')]);
    assert.equal(crm.records('meeting').length, 1);
    assert.equal(crm.records('meeting')[0]?.properties.hs_meeting_outcome, 'CANCELED');
  });

  it('syncs 1,000 qualified leads in about thirty CRM calls', async () => {
    const { crm, run } = setup();
    const { results } = await run(Array.from({ length: 1000 }, (_, n) => burstLead(n)));
    assert.equal(results.filter((r) => r.status === 'success').length, 3000);
    const total = Object.values(crm.calls).reduce((sum, n) => sum + n, 0);
    assert.deepEqual([crm.calls.upsertRecords, crm.calls.findContactsByEmail, crm.calls.findContactCandidates], [30, 10, 1]);
    assert.ok(total <= 45, `${total} calls`);
  });
});
