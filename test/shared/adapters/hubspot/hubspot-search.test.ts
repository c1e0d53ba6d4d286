import assert from 'node:assert/strict';
import {
  candidateGroups,
  changesSearchBody,
  companyToken,
  decodeChangeCursor,
  encodeChangeCursor,
  matchesGroup,
  packCandidateSearches,
  searchablePhone,
} from '../../../../shared/src/adapters/hubspot/hubspot-search';

describe('hubspot-search', () => {
  describe('searchablePhone', () => {
    it('drops the country code of an E.164 number', () => assert.equal(searchablePhone('+14155550123'), '4155550123'));
    it('keeps the digits of a national number', () => assert.equal(searchablePhone('(415) 555-0123'), '4155550123'));
    it('ignores numbers too short to mean anything', () => assert.equal(searchablePhone('123'), null));
  });

  it('takes the first distinctive token of a company name', () => {
    assert.equal(companyToken('Acme Widgets, Inc.'), 'acme');
  });

  it('builds a phone group and a surname + company group', () => {
    assert.deepEqual(candidateGroups({ ref: 'L1', phone: '+14155550123', firstName: 'Bob', lastName: 'Smith', company: 'Acme Inc' }), [
      { ref: 'L1', filters: [{ propertyName: 'hs_searchable_calculated_phone_number', operator: 'EQ', value: '4155550123' }] },
      {
        ref: 'L1',
        filters: [
          { propertyName: 'lastname', operator: 'EQ', value: 'smith' },
          { propertyName: 'company', operator: 'CONTAINS_TOKEN', value: 'acme' },
        ],
      },
    ]);
  });

  it('uses the given name when there is no company', () => {
    assert.deepEqual(candidateGroups({ ref: 'L1', firstName: 'Ann', lastName: 'Lee' })[0]?.filters.map((f) => f.propertyName), ['lastname', 'firstname']);
  });

  it('builds nothing from an email-only query', () => {
    assert.deepEqual(candidateGroups({ ref: 'L1', email: 'a@x.com' }), []);
  });

  it('packs groups five to a request', () => {
    const groups = Array.from({ length: 12 }, (_, i) => ({ ref: `L${i}`, filters: [{ propertyName: 'lastname', operator: 'EQ' as never, value: `n${i}` }] }));
    const packs = packCandidateSearches(groups);
    assert.deepEqual(packs.map((pack) => pack.body.filterGroups.length), [5, 5, 2]);
    assert.equal(packs[0]?.body.limit, 200);
  });

  it('keeps a request within 18 filters', () => {
    const groups = Array.from({ length: 5 }, (_, i) => ({
      ref: `L${i}`,
      filters: Array.from({ length: 4 }, (_, j) => ({ propertyName: `p${j}`, operator: 'EQ' as never, value: 'v' })),
    }));
    const packs = packCandidateSearches(groups);
    assert.ok(packs.every((pack) => pack.body.filterGroups.flatMap((group) => group.filters).length <= 18));
    assert.deepEqual(packs.map((pack) => pack.groups.length), [4, 1]);
  });

  describe('matchesGroup', () => {
    const [phone, nameCompany] = candidateGroups({ ref: 'L1', phone: '+14155550123', lastName: 'Smith', company: 'Acme Inc' });
    it('matches a phone stored with a country code', () => {
      assert.equal(matchesGroup({ phone: '+1 (415) 555-0123' }, phone!), true);
    });
    it('matches the surname and a company token, ignoring case and legal form', () => {
      assert.equal(matchesGroup({ lastname: 'SMITH', company: 'ACME, Inc.' }, nameCompany!), true);
    });
    it('does not match another surname', () => {
      assert.equal(matchesGroup({ lastname: 'Smyth', company: 'Acme' }, nameCompany!), false);
    });
  });

  it('pages changes by id within a fixed modified-date window', () => {
    assert.deepEqual(changesSearchBody('deal', 1_700_000_000_000, '512', ['dealstage']), {
      filterGroups: [
        {
          filters: [
            { propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: '1700000000000' },
            { propertyName: 'hs_object_id', operator: 'GT', value: '512' },
          ],
        },
      ],
      sorts: ['hs_object_id'],
      properties: ['hs_lastmodifieddate', 'dealstage'],
      limit: 200,
    });
  });

  it('uses lastmodifieddate for contacts', () => {
    assert.equal(changesSearchBody('contact', 0, null, []).filterGroups[0]?.filters[0]?.propertyName, 'lastmodifieddate');
  });

  it('round-trips the change cursor and restarts on a foreign one', () => {
    assert.equal(decodeChangeCursor(encodeChangeCursor('99')), '99');
    assert.equal(decodeChangeCursor('garbage'), null);
    assert.equal(decodeChangeCursor(null), null);
  });
});
