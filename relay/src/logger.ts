import pino from 'pino';
import type { Logger as PinoLogger } from 'pino';
import { isSyncError } from '@synaptiq/shared';
import type { RelayEnv } from './config';

/**
 * Paths pino blanks out wherever they appear: credentials, and lead PII (logs carry ids only).
 * The request log (http/request-log.ts) logs no headers or bodies at all; this is the second line of defence.
 */
export const redactedPaths = [
  'authorization',
  'secret',
  'token',
  'api_key',
  'access_token',
  'refresh_token',
  'email',
  'phone',
  'value',
  'values',
  'headers.authorization',
  'req.headers.authorization',
  '*.authorization',
  'headers["webhook-signature"]',
  '*.secret',
  '*.secrets',
  '*.webhook_secret',
  '*.api_key',
  '*.apiKey',
  '*.access_token',
  '*.refresh_token',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.password',
  '*.client_secret',
  '*.email',
  '*.phone',
  '*.name',
  '*.first_name',
  '*.last_name',
  '*.lead',
  '*.payload',
  '*.transcript',
  '*.value',
  '*.values',
];

/** An error as a log line carries it: never the cause, the stack or a CRM's response body. */
export interface LoggedError {
  code: string;
  /** Scrubbed: a CRM's message can quote the values it refused (emails, names, phone numbers). */
  message: string;
  /** The error's details minus the values: keys that hold record values or CRM answers are left out. */
  details?: Record<string, unknown>;
}

/**
 * What stands for a lead value or a secret in free text. A CRM's error message quotes what it refused, often
 * inside JSON, so quoted text goes whole; emails, phone numbers and tokens go wherever they are.
 */
const scrubbers: ReadonlyArray<[RegExp, string]> = [
  [/\bBearer\s+[^\s"',;\\]+/gi, 'Bearer [secret]'],
  [/\b(?:sk|whsec|pat)[_-][A-Za-z0-9+/=_.-]{6,}/g, '[secret]'],
  // Salesforce session ids (org id, "!", token) and other long opaque tokens; uuids (36 characters) stay.
  [/\b00D\w{12,15}![\w.]+/g, '[secret]'],
  [/[A-Za-z0-9+_=-]{40,}/g, '[secret]'],
  [/[^\s@"'<>()[\]{},;:\\]+@[^\s@"'<>()[\]{},;:\\]+\.[A-Za-z]{2,}/g, '[email]'],
  // Not inside ids: a uuid's "-4000-8000-" groups look like a phone number.
  [/(?<![\w-])(?:\+\d[\d\s().-]{5,}\d|\(?\d{2,5}\)?[\s.-]\d{2,4}[\s.-]\d{3,4})(?![\w-])/g, '[phone]'],
  [/\\?"[^"\\]*\\?"/g, '"[value]"'],
];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Free text without lead values or secrets; `known` are exact values to take out too (a batch's lead fields). */
export function scrubText(text: string, known: readonly string[] = []): string {
  let scrubbed = text;
  for (const value of [...known].filter((value) => value.length >= 4).sort((a, b) => b.length - a.length)) {
    scrubbed = scrubbed.replace(new RegExp(escapeRegExp(value), 'gi'), '[lead value]');
  }
  for (const [pattern, replacement] of scrubbers) scrubbed = scrubbed.replace(pattern, replacement);
  return scrubbed.length > 500 ? `${scrubbed.slice(0, 500)}…` : scrubbed;
}

/** Detail keys that hold record values or what the CRM answered, rather than names, ids and codes. */
const valueKeys = /^(value|values|more|body|response|request|input|inputs|data|record|records|cause|headers|message|messages|errors)$/i;

function withoutValues(details: Record<string, unknown>, known: readonly string[], depth: number): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (valueKeys.test(key)) continue;
    const safe = safeDetail(value, known, depth);
    if (safe !== undefined) kept[key] = safe;
  }
  return kept;
}

function safeDetail(value: unknown, known: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return scrubText(value, known);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (depth >= 2 || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) return value.slice(0, 20).map((item) => safeDetail(item, known, depth + 1));
  return withoutValues(value as Record<string, unknown>, known, depth + 1);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The one way an error goes into a log line: `{code, message, details}` with the message scrubbed and the details
 * minus values. A SyncError's cause (an SDK error, whose message holds the CRM's whole response) is never logged.
 */
export function errorFields(error: unknown, known: readonly string[] = []): LoggedError {
  if (isSyncError(error) || (isRecord(error) && typeof error['code'] === 'string' && typeof error['message'] === 'string' && !(error instanceof Error))) {
    const { code, message, details } = error as { code: string; message: string; details?: unknown };
    return { code, message: scrubText(message, known), ...(isRecord(details) ? { details: withoutValues(details, known, 0) } : {}) };
  }
  if (error instanceof Error) return { code: 'internal', message: scrubText(`${error.name}: ${error.message}`, known) };
  return { code: 'internal', message: scrubText(String(error), known) };
}

/** Keys whose values are errors (or an error's text), whatever a caller put there. */
const errorKeys = new Set(['err', 'error', 'cause']);

/** A whole log line's fields with every error in the serializer's shape and every string scrubbed. */
function scrubFields(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value instanceof Error) return errorFields(value);
  if (depth >= 5 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => scrubFields(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [key, errorKeys.has(key) && field !== null && field !== undefined ? errorFields(field) : scrubFields(field, depth + 1)]),
  );
}

export function createLogger(env: Pick<RelayEnv, 'LOG_LEVEL'>, destination?: pino.DestinationStream): PinoLogger {
  return pino(
    {
      level: env.LOG_LEVEL,
      base: { service: 'synaptiq-relay' },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      formatters: { log: (fields) => scrubFields(fields, 0) as Record<string, unknown> },
      // errorFields already shaped them; pino's own err serializer would add a stack.
      serializers: { err: (value: unknown) => value },
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args;
          const scrubbed = [typeof first === 'string' ? scrubText(first) : first, ...rest.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg))];
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
