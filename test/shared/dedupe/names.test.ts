import assert from 'node:assert/strict';
import { areNicknames } from '../../../shared/src/dedupe/nicknames';
import {
  compareGivenNames,
  comparePersonNames,
  compareSurnames,
  normalizePersonName,
  type NameAgreement,
} from '../../../shared/src/dedupe/names';

describe('areNicknames', () => {
  const cases: Array<[string, string, boolean]> = [
    ['bill', 'william', true],
    ['william', 'bill', true],
    ['peggy', 'margaret', true],
    ['al', 'albert', true],
    ['albert', 'alfred', false],
    ['john', 'john', false],
    ['', 'john', false],
  ];
  for (const [a, b, expected] of cases) {
    it(`says ${a || '(empty)'} and ${b} are ${expected ? '' : 'not '}nicknames of each other`, () => {
      assert.equal(areNicknames(a, b), expected);
    });
  }
});

describe('normalizePersonName', () => {
  it('keeps lowercase letters only, so accents, apostrophes and stray spaces do not matter', () => {
    assert.deepEqual(
      ["O'Brien", 'José', 'isabe lla', 'de Courcey', null].map(normalizePersonName),
      ['obrien', 'jose', 'isabella', 'decourcey', ''],
    );
  });
});

describe('compareGivenNames', () => {
  const cases: Array<[string | null, string | null, NameAgreement]> = [
    ['Robert', 'robert', 'exact'],
    ['Bill', 'William', 'nickname'],
    ['Peggy', 'Margaret', 'nickname'],
    ['Nicholsa', 'Nicholas', 'fuzzy'],
    ['Catherine', 'Kathryn', 'phonetic'],
    ['J.', 'John', 'initial'],
    ['J', 'Mary', 'different'],
    ['Olivia', 'Simone', 'different'],
    [null, 'John', 'missing'],
  ];
  for (const [a, b, expected] of cases) {
    it(`rates ${String(a)} against ${String(b)} as ${expected}`, () => {
      assert.equal(compareGivenNames(a, b), expected);
    });
  }
});

describe('compareSurnames', () => {
  it('does not apply given-name nicknames to surnames', () => {
    assert.equal(compareSurnames('Bill', 'William'), 'different');
  });

  it('accepts a typo in a surname', () => {
    assert.equal(compareSurnames('Campbell', 'Campqbell'), 'fuzzy');
  });
});

describe('comparePersonNames', () => {
  it('reads first and last names entered the wrong way round as a transposition', () => {
    const comparison = comparePersonNames({ firstName: 'Rybak', lastName: 'Jassim' }, { firstName: 'Jassim', lastName: 'Rybak' });
    assert.deepEqual(comparison, { first: 'exact', last: 'exact', transposed: true });
  });

  it('compares as written when that reads at least as well', () => {
    const comparison = comparePersonNames({ firstName: 'Jane', lastName: 'Doe' }, { firstName: 'Jane', lastName: 'Doe' });
    assert.deepEqual(comparison, { first: 'exact', last: 'exact', transposed: false });
  });

  it('does not swap when one side lacks a name part', () => {
    const comparison = comparePersonNames({ firstName: 'Doe', lastName: null }, { firstName: 'Jane', lastName: 'Doe' });
    assert.equal(comparison.transposed, false);
  });
});
