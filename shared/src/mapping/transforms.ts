import type { CrmProvider } from '../schemas/settings';

/**
 * Value transforms between Synaptiq's lead data and CRM property values. Pure: no clock, no locale.
 */

/**
 * Company size → employee count. A range ("51-200", "10,001+", "11 – 50 employees") becomes its LOWER bound:
 * the number then lies inside the range the lead gave, and "1000+" → 1000 follows the same rule.
 * A plain count passes through; anything without a number is not written.
 */
export function sizeToEmployeeCount(size: string | number | null | undefined): number | undefined {
  if (typeof size === 'number') return Number.isFinite(size) && size >= 0 ? Math.round(size) : undefined;
  const first = size?.replaceAll(/(\d),(\d{3})/g, '$1$2').match(/\d+/);
  return first ? Number(first[0]) : undefined;
}

/** Lead score as a whole number within 0–100 (the custom property's documented range). */
export function clampScore(score: number | null | undefined): number | undefined {
  if (score === null || score === undefined || !Number.isFinite(score)) return undefined;
  return Math.min(100, Math.max(0, Math.round(score)));
}

export type DateKind = 'date' | 'datetime';

/**
 * An ISO instant in the format the CRM expects for a property type.
 * HubSpot: date = epoch ms of midnight UTC, datetime = ISO 8601
 * (https://developers.hubspot.com/docs/api/crm/properties#date-and-datetime-properties).
 * Salesforce: Date = `YYYY-MM-DD`, DateTime = ISO 8601
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/intro_valid_date_formats.htm).
 */
export function formatCrmDate(provider: CrmProvider, kind: DateKind, iso: string): string | number {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not an ISO date: ${iso}`);
  const isoString = instant.toISOString();
  if (kind === 'datetime') return isoString;
  const day = isoString.slice(0, 10);
  return provider === 'hubspot' ? Date.parse(`${day}T00:00:00.000Z`) : day;
}

/** Adds whole days to an ISO instant (Salesforce CloseDate = qualification + close_in_days). */
export const addDays = (iso: string, days: number): string => new Date(Date.parse(iso) + days * 86_400_000).toISOString();

/** Adds minutes to an ISO instant (a meeting without an end gets a default length). */
export const addMinutes = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** Splits a full name: the first word is the first name, the rest the last name ("Ada King Lovelace" → Ada / King Lovelace). */
export function splitName(name: string): { first: string | undefined; last: string | undefined } {
  const [first, ...rest] = name.trim().split(/\s+/).filter((word) => word !== '');
  return { first, last: rest.length > 0 ? rest.join(' ') : undefined };
}

/** A company domain without scheme, "www." or path ("https://www.Acme.com/about" → "acme.com"). */
export function normalizeDomain(domain: string | null | undefined): string | undefined {
  const host = domain
    ?.trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .split(/[/?#]/)[0];
  return host && host.includes('.') ? host : undefined;
}

/** Cuts text to a CRM field's limit, saying so at the end. */
export function truncate(text: string, limit: number): string {
  const marker = '\n… (truncated)';
  return text.length <= limit ? text : text.slice(0, limit - marker.length) + marker;
}
