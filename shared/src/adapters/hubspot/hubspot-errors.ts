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

  const problem = status === 400 ? propertyProblem(body) : null;
  if (problem) return invalidPropertyError(problem, context.objectType, options);
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

/** A property HubSpot refused to write or match on: it does not exist, or it is not unique (an upsert's idProperty). */
interface PropertyProblem {
  reason: 'missing' | 'not_unique';
  /** Names, when HubSpot said them (a bare "non-unique property" message does not). */
  properties: string[];
}

/** "Property "x" does not exist", also inside the JSON HubSpot quotes in a message (escaped quotes). */
const doesNotExist = /Property \\?"([^"\\]+)\\?" does(?: not|n't) exist/g;
const notUnique = /non-unique|not a unique property/i;

/**
 * Every shape seen for a property problem: PROPERTY_DOESNT_EXIST details (context.propertyName, else the
 * name quoted in their message), the same list only inside `message` ("Property values were not valid:
 * [...]"), and INVALID_ID_PROPERTY or "Unable to perform update/upsert by non-unique … property".
 */
function propertyProblem(body: HubspotErrorBody): PropertyProblem | null {
  const details = body.errors ?? [];
  const missing = [
    ...details
      .filter((detail) => detail.code === 'PROPERTY_DOESNT_EXIST')
      .flatMap((detail) => detail.context?.propertyName ?? (detail.message ? quoted(detail.message) : [])),
    ...[...(body.message ?? '').matchAll(doesNotExist)].map((match) => match[1] ?? ''),
  ].filter(Boolean);
  if (missing.length > 0) return { reason: 'missing', properties: [...new Set(missing)] };
  const invalidId = details.filter((detail) => detail.code === 'INVALID_ID_PROPERTY' || notUnique.test(detail.message ?? ''));
  if (invalidId.length === 0 && !notUnique.test(body.message ?? '')) return null;
  const names = invalidId.flatMap((detail) => detail.context?.propertyName ?? []);
  return { reason: 'not_unique', properties: [...new Set(names)] };
}

const quoted = (message: string): string[] => {
  const match = /"([^"]+)"/.exec(message);
  return match?.[1] ? [match[1]] : [];
};

/** Properties Synaptiq creates itself ("Create in CRM"): the key, the lead id and the other synaptiq_ fields. */
const isOwnProperty = (name: string): boolean => name.startsWith('synaptiq_');

const createInCrm = 'Click Create in CRM at /admin/settings > CRM > Field Mapping (or call POST /v1/crm/properties); the sync resumes once it exists.';

/**
 * `crm.invalid_property` (the relay pauses the workspace): a missing or non-unique property fails every
 * event alike, so dead-lettering each one as a validation error would only pile them up. The message
 * names the property and the fix: Create in CRM for our own properties, the mapping for the user's.
 */
function invalidPropertyError(
  problem: PropertyProblem,
  objectType: string | undefined,
  options: { details: Record<string, unknown>; cause: unknown },
): SyncError {
  const on = objectType ? ` on ${objectType}` : '';
  const names = problem.properties.map((name) => `"${name}"`).join(', ');
  const details = { ...options.details, properties: problem.properties, reason: problem.reason };
  if (problem.reason === 'not_unique') {
    const what = names ? `The HubSpot property ${names}${on}` : `The property this upsert matches on${on}`;
    return new SyncError(
      'crm.invalid_property',
      `${what} exists but does not require unique values, so HubSpot will not match records on it. ` +
        `Delete it in HubSpot (Settings > Properties), then click Create in CRM at /admin/settings > CRM > Field Mapping ` +
        `(or call POST /v1/crm/properties) to create it as unique.`,
      { details, cause: options.cause },
    );
  }
  if (problem.properties.some(isOwnProperty)) {
    return new SyncError('crm.invalid_property', `HubSpot has no property ${names}${on}: Synaptiq's custom property was never created in this account. ${createInCrm}`, {
      details,
      cause: options.cause,
    });
  }
  return crmError('crm.invalid_property', `HubSpot has no property ${names}${on}`, { ...options, details });
}

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
