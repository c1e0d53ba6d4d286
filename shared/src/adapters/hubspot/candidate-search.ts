import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects';
import { normalizeCompanyName } from '../../dedupe/normalize';
import type { CandidateQuery } from '../../schemas/crm';
import { companyToken, contactProperties, searchablePhone, searchLimits, type SearchBody, type SearchFilter } from './hubspot-search';

/**
 * Batched candidate search (https://developers.hubspot.com/docs/api/crm/search). Search allows only
 * 5 requests per second per account, so instead of one search per lead, many leads share one search:
 * an `IN` filter per key (phones, surnames, given names) holds the values of every lead packed into
 * the body, up to HubSpot's 3,000 characters. The CRM returns the union; each record is then given
 * back, in memory, to the queries whose normalised phone or name it matches.
 */

/** A query reduced to the lower-cased keys the search filters on and the matcher compares. */
export interface CandidateKeys {
  ref: string;
  /** National number, digits only (what hs_searchable_calculated_phone_number holds). */
  phone: string | null;
  lastName: string | null;
  firstName: string | null;
  /** With a company, the surname alone is searched (nicknames still come back) and the company narrows in memory. */
  companyToken: string | null;
}

const lower = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim().toLowerCase();
  return trimmed ? trimmed : null;
};

export function candidateKeys(query: CandidateQuery): CandidateKeys {
  return {
    ref: query.ref,
    phone: query.phone ? searchablePhone(query.phone) : null,
    lastName: lower(query.lastName),
    firstName: lower(query.firstName),
    companyToken: query.company ? companyToken(query.company) : null,
  };
}

/** Surname-only search for queries with a company; surname AND given name for those without. */
const searchesBySurname = (keys: CandidateKeys): boolean => keys.lastName !== null && keys.companyToken !== null;
const searchesByFullName = (keys: CandidateKeys): boolean => keys.lastName !== null && keys.companyToken === null && keys.firstName !== null;
const searchable = (keys: CandidateKeys): boolean => keys.phone !== null || searchesBySurname(keys) || searchesByFullName(keys);

/**
 * HubSpot documents no cap on `IN` values, but an unbounded list is a bet on undocumented behaviour;
 * 100 keeps each filter the size of a batch read, and the body limit usually binds first anyway.
 * String values are sent lower-cased, as HubSpot's IN on text properties expects.
 */
export const maxInValues = 100;

const inFilter = (propertyName: string, values: Set<string>): SearchFilter => ({
  propertyName,
  operator: FilterOperatorEnum.In,
  values: [...values],
});

/** One search body for a set of queries: at most 3 filter groups (phone; surname; surname + given name), ORed. */
export function candidateSearchBody(members: CandidateKeys[]): SearchBody {
  const phones = new Set(members.flatMap((keys) => (keys.phone ? [keys.phone] : [])));
  const surnames = new Set(members.filter(searchesBySurname).map((keys) => keys.lastName ?? ''));
  const fullNames = members.filter(searchesByFullName);
  const filterGroups: SearchBody['filterGroups'] = [];
  if (phones.size > 0) filterGroups.push({ filters: [inFilter('hs_searchable_calculated_phone_number', phones)] });
  if (surnames.size > 0) filterGroups.push({ filters: [inFilter('lastname', surnames)] });
  if (fullNames.length > 0) {
    filterGroups.push({
      filters: [
        inFilter('lastname', new Set(fullNames.map((keys) => keys.lastName ?? ''))),
        inFilter('firstname', new Set(fullNames.map((keys) => keys.firstName ?? ''))),
      ],
    });
  }
  return { filterGroups, properties: contactProperties, limit: searchLimits.pageSize };
}

/** Whether a body respects HubSpot's limits: ≤ 3,000 characters (with room for an `after`), ≤ 5 groups, ≤ 100 values per IN. */
function fits(body: SearchBody): boolean {
  const filters = body.filterGroups.flatMap((group) => group.filters);
  const afterRoom = ',"after":"10000"'.length;
  return (
    body.filterGroups.length <= searchLimits.groups &&
    filters.length <= searchLimits.filters &&
    filters.every((filter) => (filter.values?.length ?? 0) <= maxInValues) &&
    JSON.stringify(body).length + afterRoom <= searchLimits.bodyChars
  );
}

/**
 * Packs queries into as few bodies as the limits allow, in order. A query whose keys alone would not
 * fit (a pathological name of thousands of characters) is left out: no search could carry it.
 */
export function packCandidateSearches(queries: CandidateKeys[]): SearchBody[] {
  const bodies: SearchBody[] = [];
  let members: CandidateKeys[] = [];
  for (const keys of queries.filter(searchable)) {
    if (fits(candidateSearchBody([...members, keys]))) {
      members.push(keys);
      continue;
    }
    if (members.length > 0) bodies.push(candidateSearchBody(members));
    members = fits(candidateSearchBody([keys])) ? [keys] : [];
  }
  if (members.length > 0) bodies.push(candidateSearchBody(members));
  return bodies;
}

type Properties = Record<string, string | null | undefined>;

/** Digits of every phone the record holds (the searchable one has no country code; the others may). */
const recordPhones = (properties: Properties): string[] =>
  [properties.hs_searchable_calculated_phone_number, properties.phone, properties.mobilephone]
    .filter((value): value is string => Boolean(value))
    .map((value) => value.replace(/\D/g, ''));

/** The same predicate as the search, applied in memory: which query a returned record belongs to. */
export function matchesQuery(properties: Properties, keys: CandidateKeys): boolean {
  if (keys.phone !== null) {
    const phone = keys.phone;
    if (recordPhones(properties).some((digits) => digits === phone || digits.endsWith(phone))) return true;
  }
  if (keys.lastName === null || lower(properties.lastname) !== keys.lastName) return false;
  if (keys.companyToken !== null) return normalizeCompanyName(properties.company ?? '').split(' ').includes(keys.companyToken);
  return keys.firstName !== null && lower(properties.firstname) === keys.firstName;
}

/**
 * Gives each returned record to the queries it matches, through indexes on phone and surname so a
 * thousand queries and a thousand records cost thousands of comparisons, not a million.
 */
export function assignCandidates<R extends { id: string; properties: Properties }>(queries: CandidateKeys[], records: R[]): Map<string, R[]> {
  const byPhone = indexBy(queries, (keys) => keys.phone);
  const bySurname = indexBy(queries, (keys) => keys.lastName);
  const assigned = new Map<string, R[]>(queries.map((keys) => [keys.ref, []]));
  for (const record of records) {
    const possible = new Set<CandidateKeys>(bySurname.get(lower(record.properties.lastname) ?? '') ?? []);
    for (const digits of recordPhones(record.properties)) {
      // A query phone matches the record's digits or a suffix of them (a stored country code).
      for (let start = 0; start <= digits.length - 6; start += 1) for (const keys of byPhone.get(digits.slice(start)) ?? []) possible.add(keys);
    }
    for (const keys of possible) {
      const list = assigned.get(keys.ref);
      if (list && matchesQuery(record.properties, keys) && !list.some((known) => known.id === record.id)) list.push(record);
    }
  }
  return assigned;
}

function indexBy(queries: CandidateKeys[], key: (keys: CandidateKeys) => string | null): Map<string, CandidateKeys[]> {
  const index = new Map<string, CandidateKeys[]>();
  for (const keys of queries) {
    const value = key(keys);
    if (value === null) continue;
    index.set(value, [...(index.get(value) ?? []), keys]);
  }
  return index;
}
