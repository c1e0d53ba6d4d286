import assert from 'node:assert/strict';
import { itEachCase, show } from './each-case';
import { areNicknames } from '../../../shared/src/dedupe/nicknames';
import {
  compareGivenNames,
  comparePersonNames,
  compareSurnames,
  normalizePersonName,
  type NameAgreement,
} from '../../../shared/src/dedupe/names';

describe('areNicknames', () => {
  itEachCase<[string, string], boolean>(
    [
      [['bill', 'william'], true],
      [['william', 'bill'], true],
      [['peggy', 'margaret'], true],
      [['al', 'albert'], true],
      [['albert', 'alfred'], false],
      [['john', 'john'], false],
      [['', 'john'], false],
    ],
    ([a, b], expected) => `says ${show(a)} and ${show(b)} are ${expected ? '' : 'not '}nicknames of each other`,
    ([a, b]) => areNicknames(a, b),
  );
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
  itEachCase<[string | null, string | null], NameAgreement>(
    [
      [['Robert', 'robert'], 'exact'],
      [['Bill', 'William'], 'nickname'],
      [['Peggy', 'Margaret'], 'nickname'],
      [['Nicholsa', 'Nicholas'], 'fuzzy'],
      [['Catherine', 'Kathryn'], 'phonetic'],
      [['J.', 'John'], 'initial'],
      [['J', 'Mary'], 'different'],
      [['Olivia', 'Simone'], 'different'],
      [[null, 'John'], 'missing'],
    ],
    ([a, b], expected) => `rates ${show(a)} against ${show(b)} as ${expected}`,
    ([a, b]) => compareGivenNames(a, b),
  );
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
