import assert from 'node:assert/strict';
import {
  assignCandidates,
  candidateKeys,
  candidateSearchBody,
  matchesQuery,
  maxInValues,
  packCandidateSearches,
} from '../../../../shared/src/adapters/hubspot/candidate-search';
import type { CandidateQuery } from '../../../../shared/src/schemas/crm';

const keysOf = (queries: CandidateQuery[]) => queries.map(candidateKeys);
const lead = (i: number): CandidateQuery => ({
  ref: `L${i}`,
  phone: `+1415${String(5_550_000 + i)}`,
  firstName: `First${i}`,
  lastName: `Surname${i}`,
  ...(i % 2 === 0 ? { company: `Company${i} Inc` } : {}),
});

describe('candidate-search', () => {
  it('reduces a query to lower-cased keys, the phone without its country code', () => {
    assert.deepEqual(candidateKeys({ ref: 'L1', phone: '+14155550123', firstName: ' Bob ', lastName: 'Smith', company: 'Acme Widgets, Inc.' }), {
      ref: 'L1',
      phone: '4155550123',
      lastName: 'smith',
      firstName: 'bob',
      companyToken: 'acme',
    });
  });

  it('puts every phone in one IN filter, surnames of leads with a company in another, and full names in a third group', () => {
    const body = candidateSearchBody(
      keysOf([
        { ref: 'L1', phone: '+14155550123', firstName: 'Bob', lastName: 'Smith', company: 'Acme' },
        { ref: 'L2', phone: '(212) 555-0199', firstName: 'Ann', lastName: 'Lee' },
        { ref: 'L3', firstName: 'Zoe', lastName: 'Smith', company: 'Other' },
      ]),
    );
    assert.deepEqual(body.filterGroups, [
      { filters: [{ propertyName: 'hs_searchable_calculated_phone_number', operator: 'IN', values: ['4155550123', '2125550199'] }] },
      { filters: [{ propertyName: 'lastname', operator: 'IN', values: ['smith'] }] },
      {
        filters: [
          { propertyName: 'lastname', operator: 'IN', values: ['lee'] },
          { propertyName: 'firstname', operator: 'IN', values: ['ann'] },
        ],
      },
    ]);
    assert.equal(body.limit, 200);
  });

  it('searches nothing for a query with only an email or only a surname', () => {
    assert.deepEqual(packCandidateSearches(keysOf([{ ref: 'L1', email: 'a@x.com' }, { ref: 'L2', lastName: 'Lee' }])), []);
  });

  it('packs 200 leads into 3 bodies, each within 3,000 characters, 5 groups and 100 values per IN', () => {
    const bodies = packCandidateSearches(keysOf(Array.from({ length: 200 }, (_, i) => lead(i))));
    assert.equal(bodies.length, 3);
    for (const body of bodies) {
      assert.ok(JSON.stringify({ ...body, after: '10000' }).length <= 3000);
      assert.ok(body.filterGroups.length <= 5);
      assert.ok(body.filterGroups.flatMap((group) => group.filters).every((filter) => (filter.values?.length ?? 0) <= maxInValues));
    }
    const phones = bodies.flatMap((body) => body.filterGroups[0]?.filters[0]?.values ?? []);
    assert.equal(new Set(phones).size, 200);
  });

  it('caps an IN filter at 100 values even when the body has room', () => {
    const bodies = packCandidateSearches(keysOf(Array.from({ length: 150 }, (_, i) => ({ ref: `L${i}`, phone: String(1_000_000 + i) }))));
    assert.deepEqual(bodies.map((body) => body.filterGroups[0]?.filters[0]?.values?.length), [100, 50]);
  });

  it('leaves out a query too long for any search instead of failing the batch', () => {
    const bodies = packCandidateSearches(keysOf([{ ref: 'L1', firstName: 'x'.repeat(4000), lastName: 'Lee' }, { ref: 'L2', phone: '4155550123' }]));
    assert.equal(bodies.length, 1);
    assert.equal(bodies[0]?.filterGroups.length, 1);
  });

  describe('matchesQuery', () => {
    const [withCompany] = keysOf([{ ref: 'L1', phone: '+14155550123', firstName: 'Bob', lastName: 'Smith', company: 'Acme Inc' }]);
    const [withoutCompany] = keysOf([{ ref: 'L2', firstName: 'Ann', lastName: 'Lee' }]);
    const cases: Array<[string, Record<string, string>, boolean]> = [
      ['a phone stored with a country code', { phone: '+1 (415) 555-0123' }, true],
      ['the surname and a company token, whatever the case or legal form', { lastname: 'SMITH', company: 'ACME, Inc.', firstname: 'Robert' }, true],
      ['the surname at another company', { lastname: 'Smith', company: 'Other' }, false],
      ['another surname at the same company', { lastname: 'Smyth', company: 'Acme' }, false],
    ];
    for (const [what, properties, expected] of cases) {
      it(`${expected ? 'matches' : 'does not match'} ${what}`, () => assert.equal(matchesQuery(properties, withCompany!), expected));
    }
    it('needs the given name too when the lead has no company', () => {
      assert.equal(matchesQuery({ lastname: 'Lee', firstname: 'ann' }, withoutCompany!), true);
      assert.equal(matchesQuery({ lastname: 'Lee', firstname: 'Bo' }, withoutCompany!), false);
    });
  });

  it('hands each record back to every query it matches, once, and to no other', () => {
    const keys = keysOf([
      { ref: 'L1', phone: '+14155550123', lastName: 'Smith', company: 'Acme' },
      { ref: 'L2', firstName: 'Ann', lastName: 'Lee' },
      { ref: 'L3', phone: '2125550199' },
    ]);
    const records = [
      { id: '1', properties: { lastname: 'Smith', company: 'Acme', phone: '+14155550123' } },
      { id: '2', properties: { lastname: 'Lee', firstname: 'Ann', hs_searchable_calculated_phone_number: '4155550123' } },
      { id: '3', properties: { lastname: 'Lee', firstname: 'Bo' } },
    ];
    const assigned = assignCandidates(keys, records);
    assert.deepEqual([...assigned].map(([ref, list]) => [ref, list.map((record) => record.id)]), [
      ['L1', ['1', '2']],
      ['L2', ['2']],
      ['L3', []],
    ]);
  });
});
