import assert from 'node:assert/strict';
import { MemoryCrmAdapter } from '../../../shared/src/adapters/memory/memory-crm-adapter';
import { SyncError } from '../../../shared/src/errors';
import type { CrmObjectType, RecordWrite, WriteResult, WriteWarning } from '../../../shared/src/schemas/crm';
import type { SynaptiqEvent } from '../../../shared/src/schemas/events';
import { executePlans } from '../../../shared/src/sync/execute-plans';
import { keys, type SyncPlan } from '../../../shared/src/sync/operations';
import { planSync } from '../../../shared/src/sync/plan-sync';
import { loadEvent } from '../../fixtures/events/load-event';
import { burstLead, MapLinkStore, now, planInput, settingsWith } from './helpers';

const WS = 'acme';
const ADA = 'lead_01HZX3';

/** Plans events against the links stored so far, as the relay would. */
/** A memory CRM that, like the HubSpot adapter, drops a company industry it has no option for and says so. */
class TrimmingCrm extends MemoryCrmAdapter {
  override async upsertRecords(objectType: CrmObjectType, writes: RecordWrite[]): Promise<WriteResult[]> {
    if (objectType !== 'company') return super.upsertRecords(objectType, writes);
    const trimmed = writes.map(({ properties: { industry: _dropped, ...properties }, ...write }) => ({ ...write, properties }));
    const results = await super.upsertRecords(objectType, trimmed);
    return results.map((result, index) => {
      const value = writes[index]?.properties['industry'];
      if (!result.ok || typeof value !== 'string') return result;
      const warning: WriteWarning = { property: 'industry', value, message: `"${value}" is not an Industry option.` };
      return { ...result, warnings: [warning] };
    });
  }
}

const plansFor = (events: SynaptiqEvent[], links: MapLinkStore): SyncPlan[] => events.map((event) => planSync(planInput(event, { links: links.snapshot(WS) })));

describe('executePlans', () => {
  it('writes a plan in dependency order and associates each record with the ones before it', async () => {
    const crm = new MemoryCrmAdapter();
    const links = new MapLinkStore();
    const results = await executePlans(plansFor([loadEvent('conversation.completed')], links), { crm, links, workspaceId: WS, now });
    assert.deepEqual(results.map((r) => `${r.objectType}:${r.action}:${r.status}`), ['company:create:success', 'contact:create:success', 'deal:create:success', 'note:create:success']);
    assert.deepEqual(crm.upsertBatches.map((b) => b.objectType), ['company', 'contact', 'deal', 'note']);
    const [company, contact, deal, note] = results.map((r) => r.crmId ?? '');
    assert.deepEqual([...(crm.get('contact', contact ?? '')?.associations ?? [])], [`company:${company}`]);
    assert.deepEqual([...(crm.get('deal', deal ?? '')?.associations ?? [])].sort(), [`company:${company}`, `contact:${contact}`].sort());
    assert.equal(crm.get('note', note ?? '')?.associations.size, 3);
  });

  it('links every key it wrote, wave by wave, with the record url', async () => {
    const crm = new MemoryCrmAdapter();
    const links = new MapLinkStore();
    const results = await executePlans(plansFor([loadEvent('meeting.booked')], links), { crm, links, workspaceId: WS, now });
    const stored = links.snapshot(WS);
    for (const result of results.filter((r) => r.status === 'success')) assert.equal(stored.get(result.key)?.crm_id, result.crmId);
    assert.equal(stored.get(keys.company('analytical engines'))?.crm_id, stored.get(keys.company('analytical.example'))?.crm_id, 'the name key is linked too');
    assert.equal(stored.get(keys.contact(ADA))?.url, `memory://contact/${stored.get(keys.contact(ADA))?.crm_id}`);
    assert.equal(links.calls.put, 4);
  });

  it('turns a burst of 1,000 leads into a handful of batch calls', async () => {
    const crm = new MemoryCrmAdapter();
    const links = new MapLinkStore();
    const events = Array.from({ length: 1000 }, (_, n) => burstLead(n));
    const results = await executePlans(plansFor(events, links), { crm, links, workspaceId: WS, now });
    assert.equal(results.filter((r) => r.status === 'success').length, 3000);
    assert.equal(crm.calls.upsertRecords, 30, '10 batches of 100 per object type');
    assert.deepEqual([crm.records('company').length, crm.records('contact').length, crm.records('deal').length], [1000, 1000, 1000]);
    assert.equal(links.calls.getMany, 1);
  });

  it('merges writes of one key across plans into one, later properties winning', async () => {
    const crm = new MemoryCrmAdapter();
    const links = new MapLinkStore();
    const events = [loadEvent('lead.created'), loadEvent('lead.updated'), loadEvent('lead.qualified')];
    const results = await executePlans(plansFor(events, links), { crm, links, workspaceId: WS, now });
    assert.equal(crm.records('contact').length, 1);
    assert.equal(crm.upsertBatches.find((b) => b.objectType === 'contact')?.size, 1);
    assert.equal(crm.records('contact')[0]?.properties.synaptiq_lead_score, 87, 'the score of the last event');
    const contactResults = results.filter((r) => r.key === keys.contact(ADA));
    assert.deepEqual(contactResults.map((r) => r.eventId), events.map((e) => e.id), 'each event gets its own result');
    assert.equal(new Set(contactResults.map((r) => r.crmId)).size, 1);
  });

  it('writes one company for two leads of the same company and associates both contacts with it', async () => {
    const crm = new MemoryCrmAdapter();
    const links = new MapLinkStore();
    const colleague = loadEvent('lead.created', { id: 'lead_charles', name: 'Charles Babbage', email: 'charles@analytical.example', company: { name: 'Analytical Engines', domain: 'analytical.example' } });
    const results = await executePlans(plansFor([loadEvent('lead.updated'), colleague], links), { crm, links, workspaceId: WS, now });
    assert.equal(crm.records('company').length, 1);
    const companyId = crm.records('company')[0]?.id;
    assert.ok(crm.records('contact').every((contact) => contact.associations.has(`company:${companyId}`)));
    assert.deepEqual(results.filter((r) => r.objectType === 'company').map((r) => r.leadId), [ADA, 'lead_charles']);
  });

  it('reports results per event in plan order, skips included', async () => {
    const crm = new MemoryCrmAdapter();
    const links = new MapLinkStore();
    const events = [loadEvent('lead.created', { email: null }), loadEvent('lead.qualified'), loadEvent('meeting.booked')];
    const results = await executePlans(plansFor(events, links), { crm, links, workspaceId: WS, now });
    assert.deepEqual(results.map((r) => r.eventId), [events[0]?.id, ...Array(3).fill(events[1]?.id), ...Array(4).fill(events[2]?.id)]);
    assert.deepEqual([results[0]?.status, results[0]?.error?.code], ['skipped', 'lead.missing_required_fields']);
  });

  it('fails only the lead whose contact failed, skipping what depended on it', async () => {
    const crm = new MemoryCrmAdapter({
      rejectWrite: (type, write) => (type === 'contact' && write.key === keys.contact('lead_2') ? new SyncError('crm.validation', 'Email is invalid').toJSON() : undefined),
    });
    const links = new MapLinkStore();
    const results = await executePlans(plansFor([burstLead(1), burstLead(2), burstLead(3)], links), { crm, links, workspaceId: WS, now });
    const of = (lead: string) => results.filter((r) => r.leadId === lead).map((r) => `${r.objectType}:${r.status}`);
    assert.deepEqual(of('lead_2'), ['company:success', 'contact:failed', 'deal:skipped']);
    assert.deepEqual(of('lead_1'), ['company:success', 'contact:success', 'deal:success']);
    assert.deepEqual(of('lead_3'), of('lead_1'));
    const failed = results.find((r) => r.status === 'failed');
    assert.deepEqual(failed?.error, { code: 'crm.validation', message: 'Email is invalid', details: {} });
    assert.match(results.find((r) => r.status === 'skipped')?.message ?? '', /contact .* failed/);
    assert.equal(links.snapshot(WS).has(keys.contact('lead_2')), false);
  });

  it('throws a whole-call failure, keeps what was linked, and finishes without duplicates when run again', async () => {
    const crm = new MemoryCrmAdapter();
    const links = new MapLinkStore();
    const events = [loadEvent('meeting.booked'), burstLead(7)];
    // The CRM answers 429 to the deals wave: companies and contacts are written and linked by then.
    const realUpsert = crm.upsertRecords.bind(crm);
    let limited = false;
    crm.upsertRecords = async (type, writes) => {
      if (type === 'deal' && !limited) {
        limited = true;
        throw new SyncError('crm.rate_limited', 'Too many calls', { retryAfterMs: 10_000 });
      }
      return realUpsert(type, writes);
    };
    await assert.rejects(executePlans(plansFor(events, links), { crm, links, workspaceId: WS, now }), (error: SyncError) => error.code === 'crm.rate_limited');
    assert.equal(links.snapshot(WS).has(keys.contact(ADA)), true, 'contacts were linked before the deals wave');
    assert.equal(links.snapshot(WS).has(keys.deal(ADA)), false);

    const results = await executePlans(plansFor(events, links), { crm, links, workspaceId: WS, now });
    assert.ok(results.every((r) => r.status === 'success'));
    assert.deepEqual([crm.records('company').length, crm.records('contact').length, crm.records('deal').length, crm.records('meeting').length], [2, 2, 2, 1]);
  });

  it('updates instead of creating when a key was linked after the plan was made', async () => {
    const crm = new MemoryCrmAdapter();
    const links = new MapLinkStore();
    const stalePlans = plansFor([loadEvent('lead.qualified')], links);
    await executePlans(stalePlans, { crm, links, workspaceId: WS, now });
    const results = await executePlans(stalePlans, { crm, links, workspaceId: WS, now });
    assert.deepEqual(results.map((r) => r.action), ['update', 'update', 'update']);
    assert.deepEqual([crm.records('company').length, crm.records('contact').length, crm.records('deal').length], [1, 1, 1]);
  });

  it('creates a linked record again when it was deleted in the CRM, and relinks its key', async () => {
    const crm = new MemoryCrmAdapter();
    const links = new MapLinkStore();
    await executePlans(plansFor([loadEvent('lead.qualified')], links), { crm, links, workspaceId: WS, now });
    const deleted = links.snapshot(WS).get(keys.deal(ADA))?.crm_id ?? '';
    assert.ok(crm.remove('deal', deleted));
    const results = await executePlans(plansFor([loadEvent('lead.qualified')], links), { crm, links, workspaceId: WS, now });
    const deal = results.find((r) => r.objectType === 'deal');
    assert.deepEqual([deal?.status, deal?.action], ['success', 'create']);
    assert.notEqual(deal?.crmId, deleted);
    assert.equal(links.snapshot(WS).get(keys.deal(ADA))?.crm_id, deal?.crmId);
    assert.equal(crm.records('deal').length, 1);
  });

  it('links a skipped duplicate to the existing record without writing to it', async () => {
    const crm = new MemoryCrmAdapter();
    const existing = crm.seed('contact', { email: 'ada@analytical.example', firstname: 'Ada' });
    const links = new MapLinkStore();
    const plan = planSync(
      planInput(loadEvent('lead.updated'), {
        settings: settingsWith({ duplicate_strategy: 'skip' }),
        decision: { outcome: 'match', rule: 'email', score: 0.99, record: { id: existing.id, email: 'ada@analytical.example', properties: {} }, evidence: [] },
      }),
    );
    const results = await executePlans([plan], { crm, links, workspaceId: WS, now });
    assert.deepEqual(results.find((r) => r.objectType === 'contact'), {
      eventId: plan.eventId, leadId: ADA, key: keys.contact(ADA), objectType: 'contact', action: 'link', status: 'success',
      crmId: existing.id, url: `memory://contact/${existing.id}`, error: null, message: results.find((r) => r.objectType === 'contact')?.message, review: false,
    });
    assert.deepEqual(crm.get('contact', existing.id)?.properties, { email: 'ada@analytical.example', firstname: 'Ada' });
    assert.equal(crm.upsertBatches.some((b) => b.objectType === 'contact'), false);
    assert.equal(links.snapshot(WS).get(keys.contact(ADA))?.crm_id, existing.id);
  });

  it('carries a write\'s warnings to the result of every plan that owns the record, and to no other', async () => {
    const crm = new TrimmingCrm();
    const links = new MapLinkStore();
    const results = await executePlans(plansFor([loadEvent('lead.qualified'), loadEvent('lead.updated')], links), { crm, links, workspaceId: WS, now });
    const companies = results.filter((r) => r.objectType === 'company');
    assert.equal(companies.length, 2, 'one company result per plan');
    for (const company of companies) {
      assert.equal(company.status, 'success');
      assert.deepEqual(company.warnings?.map((w) => [w.property, w.value]), [['industry', 'Software']]);
    }
    assert.ok(results.filter((r) => r.objectType !== 'company').every((r) => r.warnings === undefined));
    assert.equal(crm.records('company')[0]?.properties['industry'], undefined, 'the record was written without it');
  });
});
