import assert from 'node:assert/strict';
import { countNames, rareFullNameBonus, type NameFrequencies } from '../../../shared/src/dedupe/name-frequency';
import { itEachCase, show } from './each-case';

/** A CRM of 10,000 people: Smith and John are common, Kradolfer has one holder, Lily twenty. */
const crmCounts: NameFrequencies = {
  people: 10_000,
  firstNames: new Map([['john', 300], ['lily', 20], ['tess', 10]]),
  lastNames: new Map([['smith', 400], ['kradolfer', 1], ['battison', 8]]),
};

describe('countNames', () => {
  it('counts normalised first and last names and every person', () => {
    const counts = countNames([
      { firstName: 'Lily', lastName: "O'Brien" },
      { firstName: ' lily ', lastName: 'OBrien' },
      { firstName: 'Jack', lastName: null },
      {},
    ]);
    assert.equal(counts.people, 4);
    assert.deepEqual([...counts.firstNames], [['lily', 2], ['jack', 1]]);
    assert.deepEqual([...counts.lastNames], [['obrien', 2]]);
  });
});

describe('rareFullNameBonus', () => {
  itEachCase<[string, string, NameFrequencies | undefined], number>(
    [
      [['Lily', 'Kradolfer', crmCounts], 5],
      [['Tess', 'Battison', crmCounts], 3.97],
      [['John', 'Smith', crmCounts], 0],
      [['Lily', 'Smith', crmCounts], 0],
      [['Unknown', 'Nobody', crmCounts], 5],
      [['Lily', 'Kradolfer', undefined], 0],
      [['Lily', 'Kradolfer', { people: 8, firstNames: new Map(), lastNames: new Map() }], 0],
      [['Lily', 'Kradolfer', { people: 0, firstNames: new Map(), lastNames: new Map() }], 0],
    ],
    ([first, last, counts], bonus) =>
      `gives ${first} ${last} ${show(bonus)} with ${counts === undefined ? 'no counts' : `${counts.people} people counted`}`,
    ([first, last, counts]) => rareFullNameBonus(first, last, counts),
  );
});
