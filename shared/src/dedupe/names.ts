import { jaroWinkler } from '@skyra/jaro-winkler';
import { doubleMetaphone } from 'double-metaphone';
import { areNicknames } from './nicknames';

/** How two name parts compare, from strongest to weakest agreement. */
export type NameAgreement = 'exact' | 'nickname' | 'fuzzy' | 'phonetic' | 'initial' | 'missing' | 'different';

/** Jaro-Winkler similarity from which two spellings count as the same name with a typo ("Thorpe"/"Thropr"). */
export const fuzzyNameThreshold = 0.9;

/**
 * A name part for comparison: lowercase letters only. Accents, spaces, hyphens and apostrophes go, so
 * "O'Brien" = "obrien", "de Courcey" = "decourcey" and a stray space ("isabe lla") does not break a match.
 */
export function normalizePersonName(raw: string | null | undefined): string {
  return (raw ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '');
}

function soundsAlike(a: string, b: string): boolean {
  if (a.length < 3 || b.length < 3) return false; // codes of very short names collide too often
  const codesA = doubleMetaphone(a);
  const codesB = doubleMetaphone(b);
  return codesA.some((code) => code !== '' && codesB.includes(code));
}

function compareNameParts(a: string, b: string, withNicknames: boolean): NameAgreement {
  if (a === '' || b === '') return 'missing';
  if (a === b) return 'exact';
  if (a.length === 1 || b.length === 1) return a[0] === b[0] ? 'initial' : 'different';
  if (withNicknames && areNicknames(a, b)) return 'nickname';
  if (jaroWinkler(a, b) >= fuzzyNameThreshold) return 'fuzzy';
  if (soundsAlike(a, b)) return 'phonetic';
  return 'different';
}

/** Given names: nicknames (Bill = William), initials (J = John), typos (Jaro-Winkler) and sound (Double Metaphone). */
export function compareGivenNames(a: string | null | undefined, b: string | null | undefined): NameAgreement {
  return compareNameParts(normalizePersonName(a), normalizePersonName(b), true);
}

/** Surnames: as given names, without nicknames. */
export function compareSurnames(a: string | null | undefined, b: string | null | undefined): NameAgreement {
  return compareNameParts(normalizePersonName(a), normalizePersonName(b), false);
}

export interface PersonName {
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
}

export interface NameComparison {
  first: NameAgreement;
  last: NameAgreement;
  /** First and last names were entered the wrong way round on one side. */
  transposed: boolean;
}

const agreementRank: Record<NameAgreement, number> = {
  exact: 6, nickname: 5, fuzzy: 4, phonetic: 3, initial: 2, missing: 1, different: 0,
};

function strength(comparison: Omit<NameComparison, 'transposed'>): number {
  return agreementRank[comparison.first] + agreementRank[comparison.last];
}

/** Compares two people's names as written and with one side's first and last name swapped; the better reading wins. */
export function comparePersonNames(a: PersonName, b: PersonName): NameComparison {
  const straight = { first: compareGivenNames(a.firstName, b.firstName), last: compareSurnames(a.lastName, b.lastName) };
  const swapped = { first: compareGivenNames(a.firstName, b.lastName), last: compareSurnames(a.lastName, b.firstName) };
  const swapHelps =
    swapped.first !== 'missing' && swapped.last !== 'missing' && strength(swapped) > strength(straight) + 2;
  return swapHelps ? { ...swapped, transposed: true } : { ...straight, transposed: false };
}
