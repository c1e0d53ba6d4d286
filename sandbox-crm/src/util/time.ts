/** HubSpot timestamps: ISO 8601 with milliseconds and Z. */
export function hubspotTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Salesforce datetimes: 2024-01-31T12:00:00.000+0000. */
export function salesforceTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** Parses an epoch-ms number or string, or an ISO date/datetime; NaN when it is neither. */
export function parseTimestamp(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return Number.NaN;
  if (/^-?\d+$/.test(value)) return Number(value);
  return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}
