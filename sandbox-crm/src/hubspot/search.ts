import { z } from 'zod';
import { parseTimestamp } from '../util/time';
import type { HubspotProperty } from './types';

/** The search request body: https://developers.hubspot.com/docs/api/crm/search */
export const OPERATORS = [
  'EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN',
  'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN',
] as const;

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const filterSchema = z.object({
  propertyName: z.string(),
  operator: z.enum(OPERATORS),
  value: scalar.optional(),
  highValue: scalar.optional(),
  values: z.array(scalar).optional(),
});
export type SearchFilter = z.infer<typeof filterSchema>;

export const searchBodySchema = z.object({
  filterGroups: z.array(z.object({ filters: z.array(filterSchema) })).default([]),
  sorts: z
    .array(
      z.union([
        z.object({ propertyName: z.string(), direction: z.enum(['ASCENDING', 'DESCENDING']).default('ASCENDING') }),
        z.string().transform((s) => ({
          propertyName: s.replace(/^-/, ''),
          direction: s.startsWith('-') ? ('DESCENDING' as const) : ('ASCENDING' as const),
        })),
      ]),
    )
    .default([]),
  query: z.string().optional(),
  properties: z.array(z.string()).default([]),
  limit: z.number().int().default(10),
  after: z.union([z.string(), z.number()]).transform(String).optional(),
});
export type SearchBody = z.infer<typeof searchBodySchema>;

export const SEARCH_LIMITS = { maxLimit: 200, maxGroups: 5, maxFiltersPerGroup: 6, maxFilters: 18, maxResults: 10_000, maxBodyChars: 3000 };

type Comparable = number | string;

/** Values compare as numbers or timestamps when the property says so, else as lower-cased strings. */
function comparable(type: string | undefined, value: string): Comparable {
  if (type === 'number' && value !== '' && Number.isFinite(Number(value))) return Number(value);
  if (type === 'datetime' || type === 'date') {
    const ms = parseTimestamp(value);
    if (!Number.isNaN(ms)) return ms;
  }
  return value.toLowerCase();
}

function compare(a: Comparable, b: Comparable): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** HubSpot tokenises on word boundaries; `*` is a wildcard inside a token. */
function containsToken(actual: string, token: string): boolean {
  const needle = token.toLowerCase();
  const hay = actual.toLowerCase();
  if (needle.includes('*')) {
    const pattern = new RegExp(`^${needle.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return pattern.test(hay) || hay.split(/[\s,;]+/).some((t) => pattern.test(t));
  }
  return hay === needle || hay.split(/[^a-z0-9]+/).includes(needle) || hay.split(/\s+/).includes(needle);
}

/** `associations.contact` filters match a record associated with the given id(s); values are `;`-joined ids. */
function matchesAssociation(ids: string[], filter: SearchFilter): boolean {
  const wanted = filter.operator === 'IN' || filter.operator === 'NOT_IN' ? (filter.values ?? []) : [filter.value ?? ''];
  const hit = wanted.some((id) => ids.includes(id));
  switch (filter.operator) {
    case 'EQ':
    case 'IN':
      return hit;
    case 'NEQ':
    case 'NOT_IN':
      return !hit;
    case 'HAS_PROPERTY':
      return ids.length > 0;
    case 'NOT_HAS_PROPERTY':
      return ids.length === 0;
    default:
      return false;
  }
}

export function matchesFilter(props: Record<string, string>, filter: SearchFilter, prop: HubspotProperty | undefined): boolean {
  if (filter.propertyName.startsWith('associations.')) {
    return matchesAssociation((props[filter.propertyName] ?? '').split(';').filter(Boolean), filter);
  }
  const raw = props[filter.propertyName];
  const has = raw !== undefined && raw !== '';
  const type = prop?.type;
  const actual = comparable(type, raw ?? '');
  const value = comparable(type, filter.value ?? '');
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return has;
    case 'NOT_HAS_PROPERTY':
      return !has;
    case 'EQ':
      return has && compare(actual, value) === 0;
    case 'NEQ':
      return !has || compare(actual, value) !== 0;
    case 'LT':
      return has && compare(actual, value) < 0;
    case 'LTE':
      return has && compare(actual, value) <= 0;
    case 'GT':
      return has && compare(actual, value) > 0;
    case 'GTE':
      return has && compare(actual, value) >= 0;
    case 'BETWEEN':
      return has && compare(actual, value) >= 0 && compare(actual, comparable(type, filter.highValue ?? '')) <= 0;
    case 'IN':
      return has && (filter.values ?? []).some((v) => compare(actual, comparable(type, v)) === 0);
    case 'NOT_IN':
      return !has || !(filter.values ?? []).some((v) => compare(actual, comparable(type, v)) === 0);
    case 'CONTAINS_TOKEN':
      return has && containsToken(raw, filter.value ?? '');
    case 'NOT_CONTAINS_TOKEN':
      return !has || !containsToken(raw, filter.value ?? '');
  }
}

/** Filter groups are ORed; filters inside a group are ANDed; no groups matches everything. */
export function matchesGroups(
  props: Record<string, string>,
  groups: SearchBody['filterGroups'],
  propertyOf: (name: string) => HubspotProperty | undefined,
): boolean {
  if (groups.length === 0) return true;
  return groups.some((g) => g.filters.every((f) => matchesFilter(props, f, propertyOf(f.propertyName))));
}

/** The free-text `query` searches an object's default text properties by token prefix. */
export function matchesQuery(props: Record<string, string>, query: string | undefined, fields: string[]): boolean {
  if (!query) return true;
  const needle = query.toLowerCase();
  return fields.some((f) => {
    const v = (props[f] ?? '').toLowerCase();
    return v.includes(needle);
  });
}

export function sortRecords<T extends { id: string; props: Record<string, string> }>(
  rows: T[],
  sorts: SearchBody['sorts'],
  propertyOf: (name: string) => HubspotProperty | undefined,
): T[] {
  const keys = [...sorts, { propertyName: 'hs_object_id', direction: 'ASCENDING' as const }];
  return [...rows].sort((a, b) => {
    for (const key of keys) {
      const type = key.propertyName === 'hs_object_id' ? 'number' : propertyOf(key.propertyName)?.type;
      const av = a.props[key.propertyName];
      const bv = b.props[key.propertyName];
      if (av === bv) continue;
      // HubSpot sorts missing values last in either direction.
      if (av === undefined) return 1;
      if (bv === undefined) return -1;
      const diff = compare(comparable(type, av), comparable(type, bv));
      if (diff !== 0) return key.direction === 'DESCENDING' ? -diff : diff;
    }
    return 0;
  });
}
