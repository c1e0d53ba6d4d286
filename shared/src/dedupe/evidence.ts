import { jaroWinkler } from '@skyra/jaro-winkler';
import { emailEvidenceKey, isRoleAddress, normalizeCompanyName, normalizeEmail } from './normalize';

/** Field-by-field comparisons of contact details, each reduced to a level that decide.ts weighs. */

export type EmailAgreement = 'exact' | 'role_exact' | 'same_mailbox' | 'similar' | 'missing' | 'different';
export type PhoneAgreement = 'exact' | 'one_typo' | 'missing' | 'different';
export type CompanyAgreement = 'exact' | 'similar' | 'missing' | 'different';

/** Addresses this close (Jaro-Winkler) look like one address with a typo: evidence, never a key. */
const similarEmailThreshold = 0.95;
/** Same domain: the local parts alone decide, and they may be further apart ("maisie.walsh" / "maiie.walsoh"). */
const similarLocalPartThreshold = 0.88;
const similarCompanyThreshold = 0.92;

export function compareEmails(a: string | null | undefined, b: string | null | undefined): EmailAgreement {
  const emailA = normalizeEmail(a);
  const emailB = normalizeEmail(b);
  if (emailA === null || emailB === null) return 'missing';
  if (emailA === emailB) return isRoleAddress(emailA) ? 'role_exact' : 'exact';
  if (isRoleAddress(emailA) || isRoleAddress(emailB)) return 'different';
  if (emailEvidenceKey(emailA) === emailEvidenceKey(emailB)) return 'same_mailbox';
  const [localA, domainA] = splitAddress(emailA);
  const [localB, domainB] = splitAddress(emailB);
  const typo = domainA === domainB
    ? jaroWinkler(localA, localB) >= similarLocalPartThreshold
    : jaroWinkler(emailA, emailB) >= similarEmailThreshold;
  return typo ? 'similar' : 'different';
}

function splitAddress(email: string): [string, string] {
  const at = email.lastIndexOf('@');
  return [email.slice(0, at), email.slice(at + 1)];
}

/**
 * One keying slip between two numbers of the same length: a wrong digit or two neighbours swapped.
 * Deliberately narrower than an edit distance: a dropped digit usually makes the number invalid anyway.
 */
export function differsByOneTypo(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const diffs: number[] = [];
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) diffs.push(i);
  if (diffs.length === 1) return true;
  const [i, j] = diffs;
  return diffs.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

/** Compares two phone numbers already in E.164 (normalizePhone). */
export function comparePhones(a: string | null, b: string | null): PhoneAgreement {
  if (a === null || b === null) return 'missing';
  if (a === b) return 'exact';
  return differsByOneTypo(a, b) ? 'one_typo' : 'different';
}

/** The initials of a multi-word name ("International Business Machines" → "ibm"). */
function acronym(normalized: string): string {
  const words = normalized.split(' ').filter((word) => !fillerWords.has(word));
  return words.length > 1 ? words.map((word) => word[0]).join('') : '';
}

/** Words that do not tell companies apart ("The Palm" = "Palm, The"). */
const fillerWords = new Set(['the', 'a', 'an', 'of', 'and', '&', 'at']);

function significantWords(normalized: string): Set<string> {
  return new Set(normalized.split(' ').filter((word) => word !== '' && !fillerWords.has(word)));
}

/** Every significant word of one name appears in the other: "Spago (Los Angeles)" / "Spago", "Katsu" / "Restaurant Katsu". */
function oneNameContainsTheOther(a: Set<string>, b: Set<string>): boolean {
  const [shorter, longer] = a.size <= b.size ? [a, b] : [b, a];
  return shorter.size > 0 && [...shorter].every((word) => longer.has(word));
}

export function compareCompanies(a: string | null | undefined, b: string | null | undefined): CompanyAgreement {
  const nameA = normalizeCompanyName(a);
  const nameB = normalizeCompanyName(b);
  if (nameA === '' || nameB === '') return 'missing';
  const wordsA = significantWords(nameA);
  const wordsB = significantWords(nameB);
  const sameWords = wordsA.size === wordsB.size && oneNameContainsTheOther(wordsA, wordsB);
  if (nameA.replaceAll(' ', '') === nameB.replaceAll(' ', '') || sameWords) return 'exact';
  const acronymMatch = nameA.replaceAll(' ', '') === acronym(nameB) || nameB.replaceAll(' ', '') === acronym(nameA);
  const similar = acronymMatch || oneNameContainsTheOther(wordsA, wordsB) || jaroWinkler(nameA, nameB) >= similarCompanyThreshold;
  return similar ? 'similar' : 'different';
}
