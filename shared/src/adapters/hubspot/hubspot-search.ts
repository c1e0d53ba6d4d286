import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { normalizeCompanyName } from '../../dedupe/normalize';
import type { CrmObjectType } from '../../schemas/crm';
import { modifiedProperty } from './to-hubspot';

/**
 * Pure builders for CRM search bodies (https://developers.hubspot.com/docs/api/crm/search):
 * at most 5 filterGroups (ORed) of 6 filters, 18 filters in all, 200 results a page, bodies ≤ 3,000 chars.
 */

export const searchLimits = { groups: 5, filtersPerGroup: 6, filters: 18, pageSize: 200, bodyChars: 3000 } as const;

export interface SearchFilter {
  propertyName: string;
  operator: FilterOperatorEnum;
  value?: string;
  values?: string[];
}

export interface SearchBody {
  filterGroups: Array<{ filters: SearchFilter[] }>;
  /** "name" ascending, "-name" descending (HubSpot takes one sort). */
  sorts?: string[];
  properties: string[];
  limit: number;
  after?: string;
}

/** Contact properties dedup compares, asked for on every contact read. */
export const contactProperties = [
  'email',
  'firstname',
  'lastname',
  'phone',
  'mobilephone',
  'company',
  'hubspot_owner_id',
  'lastmodifieddate',
  'hs_searchable_calculated_phone_number',
];

/** HubSpot's searchable phone is the national number: area code + local number, no country code. */
export function searchablePhone(phone: string): string | null {
  const trimmed = phone.trim();
  const parsed = trimmed.startsWith('+') ? parsePhoneNumberFromString(trimmed) : undefined;
  const digits = parsed ? String(parsed.nationalNumber) : trimmed.replace(/\D/g, '');
  return digits.length >= 6 ? digits : null;
}

/** The most telling token of a company name ("Acme Widgets, Inc." → "acme"). */
export function companyToken(company: string): string | null {
  const first = normalizeCompanyName(company).split(' ')[0];
  return first && first.length >= 2 ? first : null;
}

/**
 * Changed records, oldest id first. Paging keeps the modified-date window fixed and moves an
 * `hs_object_id > last id` filter forward instead of using `after`: every page is a fresh query,
 * so the 10,000-result cap of one query is never reached, records sharing a timestamp are neither
 * skipped nor repeated (ids are unique), and a record modified again mid-scan cannot shift the
 * pages after it (it keeps its id; its new time still matches GTE since). The Airbyte approach.
 */
export function changesSearchBody(objectType: CrmObjectType, sinceMs: number, afterId: string | null, properties: string[]): SearchBody {
  const filters: SearchFilter[] = [{ propertyName: modifiedProperty[objectType], operator: FilterOperatorEnum.Gte, value: String(sinceMs) }];
  if (afterId !== null) filters.push({ propertyName: 'hs_object_id', operator: FilterOperatorEnum.Gt, value: afterId });
  return {
    filterGroups: [{ filters }],
    sorts: ['hs_object_id'],
    properties: [...new Set([modifiedProperty[objectType], ...properties])],
    limit: searchLimits.pageSize,
  };
}

/** Properties two-way sync reads back per object type. */
export const changeProperties: Record<CrmObjectType, string[]> = {
  contact: ['email', 'phone', 'mobilephone', 'firstname', 'lastname', 'jobtitle', 'company', 'hubspot_owner_id', 'lifecyclestage'],
  company: ['name', 'domain', 'hubspot_owner_id'],
  deal: ['dealname', 'dealstage', 'pipeline', 'amount', 'closedate', 'hubspot_owner_id'],
  note: ['hs_timestamp', 'hs_note_body'],
  meeting: ['hs_timestamp', 'hs_meeting_title', 'hs_meeting_start_time', 'hs_meeting_end_time', 'hs_meeting_outcome'],
};

/** Our opaque cursor for listChanges: the last id seen in the window. An unreadable cursor restarts the window (safe: applying changes is idempotent). */
export const encodeChangeCursor = (lastId: string): string => `id:${lastId}`;

export function decodeChangeCursor(cursor: string | null): string | null {
  if (cursor === null) return null;
  const match = /^id:(\d+)$/.exec(cursor);
  return match?.[1] ?? null;
}
