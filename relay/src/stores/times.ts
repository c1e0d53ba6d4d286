import { SyncError } from '@synaptiq/shared';

/**
 * Stores compare times as text (SQLite has no date type), which is only correct when every time
 * has the same shape. Every time entering a store goes through here: UTC, milliseconds, `Z`.
 */
export function utcIso(value: string, name: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new SyncError('request.invalid', `${name} must be an ISO-8601 date-time such as 2026-01-31T09:30:00Z; got "${value}".`, {
      details: { field: name },
    });
  }
  return new Date(ms).toISOString();
}

export const utcIsoOrNull = (value: string | null | undefined, name: string): string | null =>
  value === null || value === undefined ? null : utcIso(value, name);
