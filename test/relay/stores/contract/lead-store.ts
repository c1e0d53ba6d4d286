import assert from 'node:assert/strict';
import type { DedupDecision, LeadRecord } from '@synaptiq/shared';
import { at, lead } from '../fixtures';
import { allPages } from './context';
import type { StoreContext } from './context';

const ws = 'acme';
const leadIds = (records: LeadRecord[]): string[] => records.map((record) => record.lead_id);

const decision: DedupDecision = { outcome: 'review', rule: 'name_company', score: 0.8, evidence: ['nickname Bill = William'] };

export function describeLeadStore(ctx: StoreContext): void {
  describe('LeadStore', () => {
    it('creates a record from the first snapshot, its status following the lead', async () => {
      const record = await ctx.stores.leads.upsert(ws, lead('l1', { email: 'ann@example.com', qualification_status: 'new' }), at(1));
      assert.deepEqual(record, {
        workspace_id: ws,
        lead_id: 'l1',
        lead: { id: 'l1', name: 'Lead l1', email: 'ann@example.com', qualification_status: 'new' },
        status: 'new',
        crm_owner: null,
        dedup: null,
        review: null,
        created_at: at(1),
        updated_at: at(1),
      });
      assert.deepEqual(await ctx.stores.leads.get(ws, 'l1'), record);
    });

    it('merges a newer snapshot: absent and null fields keep their old values, nested company too', async () => {
      await ctx.stores.leads.upsert(
        ws,
        lead('l1', { email: 'ann@example.com', phone: '+1 555 0100', company: { name: 'Acme', domain: 'acme.com' }, qualification_status: 'new' }),
        at(1),
      );
      const merged = await ctx.stores.leads.upsert(
        ws,
        lead('l1', { name: 'Ann Lee', phone: null, company: { name: 'Acme Corp' }, qualification_status: 'qualified', score: 80 }),
        at(2),
      );
      assert.deepEqual(merged.lead, {
        id: 'l1',
        name: 'Ann Lee',
        email: 'ann@example.com',
        phone: '+1 555 0100',
        company: { name: 'Acme Corp', domain: 'acme.com' },
        qualification_status: 'qualified',
        score: 80,
      });
      assert.equal(merged.status, 'qualified');
      assert.equal(merged.created_at, at(1));
      assert.equal(merged.updated_at, at(2));
    });

    it('keeps the CRM owner, dedup decision and review state across upserts', async () => {
      await ctx.stores.leads.upsert(ws, lead('l1'), at(1));
      await ctx.stores.leads.update(ws, 'l1', { crm_owner: { id: 'o1', name: 'Sam' }, dedup: decision, review: { state: 'open', resolved_at: null } }, at(2));
      const record = await ctx.stores.leads.upsert(ws, lead('l1', { title: 'CTO' }), at(3));
      assert.deepEqual(record.crm_owner, { id: 'o1', name: 'Sam' });
      assert.deepEqual(record.dedup, decision);
      assert.deepEqual(record.review, { state: 'open', resolved_at: null });
    });

    it('updates only the given fields and answers undefined for an unknown lead', async () => {
      await ctx.stores.leads.upsert(ws, lead('l1', { qualification_status: 'new' }), at(1));
      const updated = await ctx.stores.leads.update(ws, 'l1', { status: 'won', review: undefined }, at(5));
      assert.equal(updated?.status, 'won');
      assert.equal(updated?.review, null);
      assert.equal(updated?.updated_at, at(5));
      assert.deepEqual(await ctx.stores.leads.get(ws, 'l1'), updated);
      assert.equal(await ctx.stores.leads.update(ws, 'nobody', { status: 'won' }, at(5)), undefined);
    });

    it('lists newest first (by when the lead was first seen) and pages through every lead once', async () => {
      for (const [index, id] of ['l1', 'l2', 'l3', 'l4', 'l5'].entries()) await ctx.stores.leads.upsert(ws, lead(id), at(index));
      await ctx.stores.leads.upsert(ws, lead('l1', { title: 'updated later' }), at(10));
      const pages = await allPages((cursor) => ctx.stores.leads.list(ws, {}, { limit: 2, cursor }));
      assert.deepEqual(pages.map(leadIds), [['l5', 'l4'], ['l3', 'l2'], ['l1']]);
    });

    it('orders leads first seen at the same moment by arrival, newest first, across pages', async () => {
      for (const id of ['l1', 'l2', 'l3']) await ctx.stores.leads.upsert(ws, lead(id), at(0));
      const pages = await allPages((cursor) => ctx.stores.leads.list(ws, {}, { limit: 1, cursor }));
      assert.deepEqual(pages.map(leadIds), [['l3'], ['l2'], ['l1']]);
    });

    const filters: Array<[string, Parameters<typeof ctx.stores.leads.list>[1], string[]]> = [
      ['status', { status: 'qualified' }, ['l2']],
      ['time window (since inclusive, until exclusive)', { since: at(1), until: at(3) }, ['l2']],
      ['email, ignoring case and spaces', { email: '  BOB@Example.com ' }, ['l2']],
      ['phone, ignoring punctuation', { phone: '(555) 0101' }, ['l1']],
      ['open review', { review: 'open' }, ['l3']],
      ['an email nobody has', { email: 'nobody@example.com' }, []],
    ];
    for (const [name, filter, expected] of filters) {
      it(`filters the list by ${name}`, async () => {
        await ctx.stores.leads.upsert(ws, lead('l1', { phone: '555-0101', qualification_status: 'new' }), at(0));
        await ctx.stores.leads.upsert(ws, lead('l2', { email: 'bob@example.com', qualification_status: 'qualified' }), at(2));
        await ctx.stores.leads.upsert(ws, lead('l3', { qualification_status: 'new' }), at(3));
        await ctx.stores.leads.update(ws, 'l3', { review: { state: 'open', resolved_at: null } }, at(4));
        assert.deepEqual(leadIds((await ctx.stores.leads.list(ws, filter, { limit: 10 })).items), expected);
      });
    }
  });
}
