import assert from 'node:assert/strict';
import type { LeadRecord } from '@synaptiq/shared';
import { planPull } from '../../../relay/src/services/two-way/plan-pull';
import { CursorScan, readFrom } from '../../../relay/src/services/two-way/pull-cursor';

const record: LeadRecord = {
  workspace_id: 'acme',
  lead_id: 'lead_1',
  lead: { id: 'lead_1', name: 'Ada Lovelace', email: 'ada@example.com', phone: '+1 (415) 555-0100' },
  status: 'qualified',
  crm_owner: null,
  dedup: null,
  review: null,
  created_at: '2026-11-24T15:00:00.000Z',
  updated_at: '2026-11-24T15:00:00.000Z',
};
const all = ['email', 'phone', 'first_name', 'last_name', 'title', 'company', 'deal_stage', 'owner'] as const;

describe('planning a pull from CRM values', () => {
  const sameValues = [
    { name: 'an email differing only in case', contact: { email: 'ADA@example.com' } },
    { name: 'a phone differing only in formatting', contact: { phone: '+14155550100' } },
    { name: 'a phone without its country code', contact: { phone: '415.555.0100' } },
    { name: 'an empty CRM value (never erases the lead\'s)', contact: {} },
    { name: 'an open deal stage', deal: {} },
  ];
  for (const { name, ...values } of sameValues) {
    it(`changes nothing for ${name}`, () => {
      assert.deepEqual(planPull({ record, pullFields: all, ownerNames: new Map(), ...values }), { changes: [], patch: {} });
    });
  }

  it('is idempotent: planning again from the patched lead changes nothing', () => {
    const first = planPull({ record, pullFields: all, ownerNames: new Map([['7', 'Sarah Chen']]), contact: { phone: '+1 415 555 0199', owner_id: '7' } });
    const patched = { ...record, ...first.patch };
    const second = planPull({ record: patched, pullFields: all, ownerNames: new Map([['7', 'Sarah Chen']]), contact: { phone: '+1 415 555 0199', owner_id: '7' } });
    assert.equal(first.changes.length, 2);
    assert.deepEqual(second.changes, []);
  });

  it('corrects the full name along with a corrected first name', () => {
    const plan = planPull({ record: { ...record, lead: { ...record.lead, first_name: 'Ada', last_name: 'Lovelace' } }, pullFields: all, ownerNames: new Map(), contact: { first_name: 'Augusta' } });
    assert.equal(plan.patch.lead?.name, 'Augusta Lovelace');
  });

  it('names an owner it cannot find by id only', () => {
    const plan = planPull({ record, pullFields: ['owner'], ownerNames: new Map(), deal: { owner_id: '99' } });
    assert.deepEqual(plan.patch.crm_owner, { id: '99' });
  });
});

describe('the two-way read cursor', () => {
  const now = Date.parse('2026-11-24T15:00:00Z');
  it('starts the first read one overlap before now, later reads one overlap before the cursor', () => {
    assert.equal(readFrom(undefined, now, 15 * 60_000), '2026-11-24T14:45:00.000Z');
    assert.equal(readFrom({ since: '2026-11-24T14:00:00.000Z', seen: [] }, now, 15 * 60_000), '2026-11-24T13:45:00.000Z');
  });

  it('recognises a record read again with the same modified time, but not after a new edit', () => {
    const scan = new CursorScan(undefined, '2026-11-24T14:45:00.000Z');
    const sightings = [
      scan.firstSighting('1', '2026-11-24T14:50:00.000Z'),
      scan.firstSighting('1', '2026-11-24T14:50:00.000Z'),
      scan.firstSighting('1', '2026-11-24T14:55:00.000Z'),
    ];
    assert.deepEqual(sightings, [true, false, true]);
  });

  it('moves to the latest modified time and keeps only the keys the next overlap can re-read', () => {
    const scan = new CursorScan({ since: '2026-11-24T14:00:00.000Z', seen: ['2026-11-24T13:00:00.000Z|old'] }, '2026-11-24T13:45:00.000Z');
    scan.firstSighting('2', '2026-11-24T14:40:00.000Z');
    scan.firstSighting('3', '2026-11-24T14:59:00.000Z');
    assert.deepEqual(scan.next(15 * 60_000), { since: '2026-11-24T14:59:00.000Z', seen: ['2026-11-24T14:59:00.000Z|3'] });
  });
});
