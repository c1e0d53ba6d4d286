import { leadSchema } from '@synaptiq/shared';
import type { Lead, LeadFilter, LeadRecord } from '@synaptiq/shared';
import { utcIso } from './times';

/**
 * The lead store's merge rule, shared by every implementation: a newer snapshot overwrites the
 * fields it carries; fields it leaves out or sends as null keep their old value (senders often
 * send partial updates). Nested objects (company, custom_fields) merge the same way; arrays are replaced.
 */
export function mergeLead(previous: Lead | undefined, next: Lead): Lead {
  return previous === undefined ? stripNulls(next) : mergeObjects(previous, next);
}

type PlainObject = Record<string, unknown>;

const isPlainObject = (value: unknown): value is PlainObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function mergeObjects<T extends PlainObject>(previous: T, next: T): T {
  const merged: PlainObject = { ...previous };
  for (const [key, value] of Object.entries(next)) {
    if (value === null || value === undefined) continue;
    const old = merged[key];
    merged[key] = isPlainObject(old) && isPlainObject(value) ? mergeObjects(old, value) : value;
  }
  return merged as T;
}

function stripNulls<T extends PlainObject>(value: T): T {
  return mergeObjects({} as T, value);
}

/** Email and phone are matched loosely (case, spaces, punctuation), as a user types them in a filter. */
export const normalizeEmail = (email: string | null | undefined): string | null => {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
};

export const normalizePhone = (phone: string | null | undefined): string | null => {
  const digits = phone?.replace(/\D/g, '');
  return digits ? digits : null;
};

/** The filter with email, phone and times normalized; an email or phone that normalizes to nothing matches nothing. */
export function normalizedLeadFilter(filter: LeadFilter): { email?: string; phone?: string; since?: string; until?: string } {
  return {
    ...(filter.email === undefined ? {} : { email: normalizeEmail(filter.email) ?? '' }),
    ...(filter.phone === undefined ? {} : { phone: normalizePhone(filter.phone) ?? '' }),
    ...(filter.since === undefined ? {} : { since: utcIso(filter.since, 'since') }),
    ...(filter.until === undefined ? {} : { until: utcIso(filter.until, 'until') }),
  };
}

export type LeadPatch = Partial<Pick<LeadRecord, 'lead' | 'status' | 'crm_owner' | 'dedup' | 'review'>>;

/** The record after a new snapshot: the lead merged, the status following the lead, the rest kept. */
export function upsertedLeadRecord(previous: LeadRecord | undefined, workspaceId: string, lead: Lead, at: string): LeadRecord {
  const valid = leadSchema.parse(lead);
  const merged = mergeLead(previous?.lead, valid);
  return {
    workspace_id: workspaceId,
    lead_id: valid.id,
    lead: merged,
    status: merged.qualification_status ?? previous?.status ?? null,
    crm_owner: previous?.crm_owner ?? null,
    dedup: previous?.dedup ?? null,
    review: previous?.review ?? null,
    created_at: previous?.created_at ?? at,
    updated_at: at,
  };
}

/** The record after an explicit update: given fields replace the old ones (undefined ones change nothing). */
export function patchedLeadRecord(previous: LeadRecord, patch: LeadPatch, at: string): LeadRecord {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const record: LeadRecord = { ...previous, ...defined, updated_at: at };
  if (patch.lead !== undefined) record.lead = leadSchema.parse({ ...patch.lead, id: previous.lead_id });
  return record;
}

/** The memory twin's version of the SQL filter in SqliteLeadStore.list. */
export function matchesLeadFilter(record: LeadRecord, filter: LeadFilter): boolean {
  const { email, phone, since, until } = normalizedLeadFilter(filter);
  return (
    (filter.status === undefined || record.status === filter.status) &&
    (since === undefined || record.created_at >= since) &&
    (until === undefined || record.created_at < until) &&
    (email === undefined || normalizeEmail(record.lead.email) === email) &&
    (phone === undefined || normalizePhone(record.lead.phone) === phone) &&
    (filter.review === undefined || record.review?.state === filter.review)
  );
}
