import { SyncError, userFixes, type ErrorCode } from '../../errors';

/**
 * The part of failure classification both CRMs share: HTTP status → error code, Retry-After
 * parsing and header lookup. Each adapter refines it with its own error bodies first
 * (HubSpot PROPERTY_DOESNT_EXIST or DAILY 429s, Salesforce INVALID_FIELD or REQUEST_LIMIT_EXCEEDED).
 */

/** The default code for a status when the body tells us nothing more specific. */
export function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'crm.auth_expired';
  if (status === 403) return 'crm.auth_revoked';
  if (status === 404) return 'crm.not_found';
  if (status === 409) return 'crm.conflict';
  if (status === 423) return 'crm.locked';
  if (status === 429) return 'crm.rate_limited';
  if (status === 408 || status === 0 || status >= 500) return 'crm.transient';
  if (status >= 400) return 'crm.validation';
  return 'internal';
}

export type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined | null;

/** A header by case-insensitive name, from a fetch `Headers` or a plain object (the SDK gives either). */
export function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/**
 * Retry-After as milliseconds from now: either delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Unparseable or negative values give undefined, so the caller falls back to backoff.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** A SyncError whose message is the CRM's own words plus our user-facing fix for the code. */
export function crmError(
  code: ErrorCode,
  crmMessage: string,
  options: { details?: Record<string, unknown>; retryAfterMs?: number | undefined; cause?: unknown } = {},
): SyncError {
  const fix = userFixes[code];
  const message = fix ? `${crmMessage.replace(/[.\s]+$/, '')}. ${fix}` : crmMessage;
  return new SyncError(code, message, {
    details: options.details ?? {},
    ...(options.retryAfterMs === undefined ? {} : { retryAfterMs: options.retryAfterMs }),
    cause: options.cause,
  });
}
