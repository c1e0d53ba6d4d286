import assert from 'node:assert/strict';
import {
  changesSearchBody,
  companyToken,
  decodeChangeCursor,
  encodeChangeCursor,
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
