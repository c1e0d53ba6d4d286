import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { hubspotTime, parseTimestamp } from '../util/time';
import type { HubspotErrorDetail } from './errors';
import type { HubspotProperty } from './types';

/** Every property value HubSpot stores is a string; the SDK sends numbers and booleans too. */
export type IncomingValue = string | number | boolean | null | undefined;

export type Coerced = { ok: true; value: string } | { ok: false; error: HubspotErrorDetail };

const invalid = (property: string, code: string, message: string): Coerced => ({
  ok: false,
  error: { message, code, context: { propertyName: [property] } },
});

/**
 * Turns an incoming value into HubSpot's stored string, or the error HubSpot reports for it.
 * `allowed` lists valid values for enumerations whose options live elsewhere (owners, pipelines, stages).
 */
export function coerceValue(prop: HubspotProperty, raw: IncomingValue, allowed?: string[]): Coerced {
  if (raw === null || raw === undefined || raw === '') return { ok: true, value: '' };
  const text = String(raw);
  switch (prop.type) {
    case 'number':
      return Number.isFinite(Number(text))
        ? { ok: true, value: text }
        : invalid(prop.name, 'INVALID_FLOAT', `${text} was not a valid number.`);
    case 'bool':
      return ['true', 'false'].includes(text.toLowerCase())
        ? { ok: true, value: text.toLowerCase() }
        : invalid(prop.name, 'INVALID_BOOLEAN', `${text} was not a valid boolean.`);
    case 'date':
    case 'datetime': {
      const ms = parseTimestamp(text);
      if (Number.isNaN(ms)) return invalid(prop.name, 'INVALID_DATE', `${text} was not a valid date or timestamp.`);
      return { ok: true, value: prop.type === 'date' ? hubspotTime(ms).slice(0, 10) : hubspotTime(ms) };
    }
    case 'enumeration': {
      const options = allowed ?? prop.options.map((o) => o.value);
      if (options.length === 0) return { ok: true, value: text };
      const values = prop.fieldType === 'checkbox' ? text.split(';') : [text];
      const bad = values.find((v) => !options.includes(v));
      return bad === undefined
        ? { ok: true, value: text }
        : invalid(prop.name, 'INVALID_OPTION', `${bad} was not one of the allowed options: [${options.join(', ')}]`);
    }
    default:
      return { ok: true, value: text };
  }
}

/** HubSpot's phone search key: the national number without country code or punctuation. */
export function searchablePhone(phone: string): string {
  const parsed = parsePhoneNumberFromString(phone, 'US');
  if (parsed) return String(parsed.nationalNumber);
  return phone.replace(/\D/g, '');
}

export function isValidEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}
