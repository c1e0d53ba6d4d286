import { z } from 'zod';
import { SyncError, type ErrorCode } from '../../errors';
import { codeForStatus, crmError, headerValue, parseRetryAfterMs, type HeaderSource } from '../shared/http-errors';

/**
 * Classifies every HubSpot failure into the product's SyncError codes.
 * Error shape: https://developers.hubspot.com/docs/api/error-handling
 *
 * Pitfall: the SDK deserialises error bodies into its `Error` model, which drops fields it does
 * not know, such as the 429 body's `policyName`. So a DAILY 429 is told apart by `policyName`
 * when present (raw bodies), else by its message ("…daily limit") or a zero daily-remaining header.
 */

const contextSchema = z.record(z.string(), z.array(z.string())).optional();

const errorDetailSchema = z.looseObject({
  message: z.string().optional(),
  code: z.string().optional(),
  context: contextSchema,
});

export const hubspotErrorBodySchema = z.looseObject({
  status: z.string().optional(),
  message: z.string().optional(),
  category: z.string().optional(),
  policyName: z.string().optional(),
  correlationId: z.string().optional(),
  context: contextSchema,
  errors: z.array(errorDetailSchema).optional(),
});
export type HubspotErrorBody = z.infer<typeof hubspotErrorBodySchema>;

/** A non-2xx answer to a request the SDK sends raw (`client.apiRequest`), in the ApiException shape. */
export class HubspotResponseError extends Error {
  constructor(
    readonly code: number,
    readonly body: unknown,
    readonly headers: Record<string, string>,
  ) {
    super(`HTTP ${code}`);
    this.name = 'HubspotResponseError';
  }
}

/** What the classifier knows about the call, to name things in messages. */
export interface HubspotErrorContext {
  /** HubSpot object type of the call (contacts, companies, …). */
  objectType?: string | undefined;
  nowMs: number;
}

const apiExceptionShape = z.object({ code: z.number().int(), body: z.unknown(), headers: z.unknown() });

/** Categories of 207 `errors[]` entries (which carry no HTTP status) → the status HubSpot uses for them. */
const categoryStatus: Record<string, number> = {
  VALIDATION_ERROR: 400,
  INVALID_AUTHENTICATION: 401,
  MISSING_SCOPES: 403,
  OBJECT_NOT_FOUND: 404,
  CONFLICT: 409,
  OBJECT_ALREADY_EXISTS: 409,
  LOCKED: 423,
  RATE_LIMITS: 429,
};

const dailyLimit = /daily limit/i;
const secondlyLimit = /secondly limit/i;
const existingId = /Existing ID:\s*(\d+)/i;

/** Any thrown value (ApiException, fetch failure, our own errors) as a SyncError. */
export function classifyHubspotError(thrown: unknown, context: HubspotErrorContext): SyncError {
  if (thrown instanceof SyncError) return thrown;
  const exception = apiExceptionShape.safeParse(thrown);
  if (exception.success) {
    const body = hubspotErrorBodySchema.safeParse(exception.data.body);
    const headers = exception.data.headers as HeaderSource;
    return classifyHubspotBody(exception.data.code, body.success ? body.data : {}, headers, context, thrown);
  }
  // fetch rejects with a TypeError for DNS, reset and refused connections: worth a retry.
  if (thrown instanceof TypeError && /fetch failed|network|ECONN|ETIMEDOUT|socket/i.test(`${thrown.message} ${String(thrown.cause)}`)) {
    return crmError('crm.transient', 'HubSpot could not be reached; the request will be retried', { cause: thrown });
  }
  // The SDK throws a plain Error, losing the status, when an error answer is not JSON: in practice a
  // gateway's HTML or text page (502/503/504), so it is worth a retry.
  if (thrown instanceof Error && /Cannot parse content|is not supported by ObjectSerializer/.test(thrown.message)) {
    return crmError('crm.transient', 'HubSpot answered with a page that is not JSON (a gateway error); the request will be retried', { cause: thrown });
  }
  return new SyncError('internal', 'An unexpected error occurred while calling HubSpot; it was logged and the work will be retried.', {
    cause: thrown,
  });
}

/** One entry of a 207 response's `errors[]` (a per-input failure) as a SyncError. */
export function classifyBatchError(entry: unknown, context: HubspotErrorContext): SyncError {
  const body = hubspotErrorBodySchema.safeParse(entry);
  const parsed = body.success ? body.data : {};
  const status = categoryStatus[parsed.category ?? ''] ?? 400;
  return classifyHubspotBody(status, parsed, undefined, context, undefined);
}

function classifyHubspotBody(
  status: number,
  body: HubspotErrorBody,
  headers: HeaderSource,
  context: HubspotErrorContext,
  cause: unknown,
): SyncError {
  const said = body.message ?? `HubSpot answered HTTP ${status}`;
  const details: Record<string, unknown> = {
    status,
    ...(body.category ? { category: body.category } : {}),
    ...(body.correlationId ? { correlationId: body.correlationId } : {}),
    ...(context.objectType ? { objectType: context.objectType } : {}),
  };
  const options = { details, cause };

  const missing = missingProperties(body);
  if (status === 400 && missing.length > 0) {
    const on = context.objectType ? ` on ${context.objectType}` : '';
    const names = missing.map((name) => `"${name}"`).join(', ');
    return crmError('crm.invalid_property', `HubSpot has no property ${names}${on}`, {
      ...options,
      details: { ...details, properties: missing },
    });
  }
  if (status === 429) return rateLimitError(said, body, headers, context, options);
  if (status === 409) {
    const id = existingId.exec(said)?.[1];
    return crmError('crm.conflict', said, { ...options, details: { ...details, ...(id ? { existingId: id } : {}) } });
  }
  if (status === 401) {
    const code: ErrorCode = /revoked|uninstall|deactivat/i.test(said) ? 'crm.auth_revoked' : 'crm.auth_expired';
    return crmError(code, `HubSpot rejected the credentials (${said.replace(/[.\s]+$/, '')})`, options);
  }
  if (status === 403) {
    return crmError('crm.auth_revoked', `HubSpot denied access (${said.replace(/[.\s]+$/, '')}); the connection may lack a required scope`, options);
  }
  const code = codeForStatus(status);
  const retryAfterMs = retryable(code) ? parseRetryAfterMs(headerValue(headers, 'retry-after'), context.nowMs) : undefined;
  return crmError(code, said, { ...options, retryAfterMs });
}

const retryable = (code: ErrorCode): boolean => code === 'crm.locked' || code === 'crm.transient';

/** Property names from PROPERTY_DOESNT_EXIST details (`context.propertyName`), in order, once each. */
function missingProperties(body: HubspotErrorBody): string[] {
  const names = (body.errors ?? [])
    .filter((detail) => detail.code === 'PROPERTY_DOESNT_EXIST')
    .flatMap((detail) => detail.context?.propertyName ?? (detail.message ? quoted(detail.message) : []));
  return [...new Set(names)];
}

const quoted = (message: string): string[] => {
  const match = /"([^"]+)"/.exec(message);
  return match?.[1] ? [match[1]] : [];
};

function rateLimitError(
  said: string,
  body: HubspotErrorBody,
  headers: HeaderSource,
  context: HubspotErrorContext,
  options: { details: Record<string, unknown>; cause: unknown },
): SyncError {
  const daily =
    body.policyName === 'DAILY' || dailyLimit.test(said) || headerValue(headers, 'x-hubspot-ratelimit-daily-remaining') === '0';
  if (daily) {
    return crmError('crm.daily_quota_exhausted', said, { ...options, details: { ...options.details, policy: 'DAILY' } });
  }
  const search = secondlyLimit.test(said) || body.policyName === 'SECONDLY';
  const retryAfterMs =
    parseRetryAfterMs(headerValue(headers, 'retry-after'), context.nowMs) ??
    (search ? 1000 : intervalMs(headers));
  return crmError('crm.rate_limited', said, {
    ...options,
    details: { ...options.details, policy: search ? 'SECONDLY' : (body.policyName ?? 'TEN_SECONDLY_ROLLING') },
    retryAfterMs,
  });
}

/** Without Retry-After, a rolling-window 429 is safe to retry once the reported window has passed. */
function intervalMs(headers: HeaderSource): number | undefined {
  const raw = headerValue(headers, 'x-hubspot-ratelimit-interval-milliseconds');
  const value = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** A refused token refresh means the user must reconnect: the app was uninstalled or the token revoked. */
export function classifyRefreshError(thrown: unknown, context: HubspotErrorContext): SyncError {
  const error = classifyHubspotError(thrown, context);
  if (error.code !== 'crm.validation' && error.code !== 'crm.auth_expired' && error.code !== 'crm.not_found') return error;
  return crmError('crm.auth_revoked', 'HubSpot refused to refresh the access token (the app was uninstalled or its access revoked)', {
    details: error.details,
    cause: thrown,
  });
}
