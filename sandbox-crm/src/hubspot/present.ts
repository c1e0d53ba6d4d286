import { hubspotTime } from '../util/time';
import type { HubspotObjectType, HubspotRecord } from './types';

/** Properties HubSpot returns when the request names none. */
const DEFAULT_PROPERTIES: Record<HubspotObjectType, string[]> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  deals: ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_lastmodifieddate', 'hs_object_id', 'pipeline'],
  notes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  meetings: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

/** Always returned alongside requested properties. */
const SYSTEM_PROPERTIES: Record<HubspotObjectType, string[]> = {
  contacts: ['createdate', 'hs_object_id', 'lastmodifieddate'],
  companies: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  deals: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  notes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  meetings: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

export interface PublicObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  [extra: string]: unknown;
}

/** Parses `properties` given as a comma-separated query string or an array. */
export function propertyList(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.flatMap((v) => propertyList(v));
  if (typeof raw === 'string') return raw.split(',').map((s) => s.trim()).filter(Boolean);
  return [];
}

/** A record as the API shows it: all properties (after writes) or the requested ones (reads). */
export function presentRecord(
  type: HubspotObjectType,
  record: HubspotRecord,
  requested: string[] | 'all',
  props: Record<string, string> = record.properties,
): PublicObject {
  let properties: Record<string, string | null>;
  if (requested === 'all') {
    properties = { ...props };
  } else {
    const names = requested.length ? [...new Set([...requested, ...SYSTEM_PROPERTIES[type]])] : DEFAULT_PROPERTIES[type];
    properties = Object.fromEntries(names.map((n) => [n, props[n] ?? null]));
  }
  return {
    id: record.id,
    properties,
    createdAt: hubspotTime(record.createdAt),
    updatedAt: hubspotTime(record.updatedAt),
    archived: false,
  };
}

export function batchResponse(results: unknown[], startedAt: number, completedAt: number, errors: unknown[] = []) {
  return {
    status: 'COMPLETE',
    results,
    ...(errors.length ? { numErrors: errors.length, errors } : {}),
    startedAt: hubspotTime(startedAt),
    completedAt: hubspotTime(completedAt),
  };
}
