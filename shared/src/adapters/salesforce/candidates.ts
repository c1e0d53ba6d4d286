import type { CandidateQuery, CrmContact } from '../../schemas/crm';
import { type Soql, anyOf, endsWith, field, soql, startsWith } from './soql';
import type { PersonObject } from './to-salesforce';

/**
 * Pure building blocks of candidate search (fuzzy dedup). Salesforce cannot normalise phones or
 * compare names fuzzily in SOQL, so the query uses cheap, broad keys — like Salesforce's own
 * matching rules — and `matchesCandidate` narrows the rows before the dedup core scores them:
 * - phone: the last four digits (formatting never splits them), then the same national number;
 * - name: last name plus the company's first word (or the first name when there is no company).
 */

const digits = (value: string): string => value.replace(/\D/g, '');
/** The subscriber part that survives country codes and trunk prefixes. */
const nationalTail = (phone: string): string => digits(phone).slice(-7);
const firstWord = (value: string): string => value.trim().split(/\s+/)[0] ?? '';
const same = (a: string | null | undefined, b: string | null | undefined): boolean =>
  Boolean(a && b && a.trim().toLowerCase() === b.trim().toLowerCase());

const companyField: Record<PersonObject, string> = { Lead: 'Company', Contact: 'Account.Name' };

/** The SOQL condition finding candidates for one query, or null when it has nothing to search by. */
export function candidateCondition(query: CandidateQuery, personObject: PersonObject): Soql | null {
  const conditions: Soql[] = [];
  if (query.email) conditions.push(soql`Email = ${query.email.trim()}`);
  if (query.phone && nationalTail(query.phone).length >= 7) {
    const lastFour = digits(query.phone).slice(-4);
    conditions.push(soql`Phone LIKE ${endsWith(lastFour)} OR MobilePhone LIKE ${endsWith(lastFour)}`);
  }
  if (query.lastName && query.company && firstWord(query.company)) {
    conditions.push(soql`LastName = ${query.lastName.trim()} AND ${field(companyField[personObject])} LIKE ${startsWith(firstWord(query.company))}`);
  } else if (query.lastName && query.firstName) {
    conditions.push(soql`LastName = ${query.lastName.trim()} AND FirstName = ${query.firstName.trim()}`);
  }
  if (conditions.length === 0) return null;
  return conditions.length === 1 ? (conditions[0] ?? null) : anyOf(conditions);
}

/** Does a row found by the broad query really share a key with this query? */
export function matchesCandidate(query: CandidateQuery, contact: CrmContact): boolean {
  if (same(query.email, contact.email)) return true;
  if (query.phone && nationalTail(query.phone).length >= 7) {
    const tail = nationalTail(query.phone);
    const phones = [contact.phone, stringProperty(contact, 'MobilePhone')];
    if (phones.some((phone) => phone && nationalTail(phone) === tail)) return true;
  }
  if (!same(query.lastName, contact.lastName)) return false;
  if (query.company) return Boolean(contact.company?.toLowerCase().startsWith(firstWord(query.company).toLowerCase()));
  return same(query.firstName, contact.firstName);
}

function stringProperty(contact: CrmContact, name: string): string | null {
  const value = contact.properties[name];
  return typeof value === 'string' ? value : null;
}
