import { type ErrorCode, SyncError, isSyncError, userFixes } from '../../errors';
import { codeForStatus } from '../shared/http-errors';
import { type SalesforceError, salesforceErrorSchema } from './salesforce-schemas';
import { externalKeyField } from './to-salesforce';

/**
 * Salesforce failures → the product's error classes. Salesforce reports errors as arrays of
 * `{message, errorCode, fields}` (REST) or `{message, statusCode, fields}` (collection results).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm#statuscode
 */

const classes: Record<string, ErrorCode> = {
  INVALID_FIELD: 'crm.invalid_property',
  INVALID_FIELD_FOR_INSERT_UPDATE: 'crm.invalid_property',
  INVALID_TYPE: 'crm.invalid_property',
  INVALID_SESSION_ID: 'crm.auth_expired',
  invalid_grant: 'crm.auth_revoked',
  invalid_client: 'crm.auth_revoked',
  invalid_client_id: 'crm.auth_revoked',
  inactive_user: 'crm.auth_revoked',
  inactive_org: 'crm.auth_revoked',
  API_DISABLED_FOR_ORG: 'crm.auth_revoked',
  API_CURRENTLY_DISABLED: 'crm.auth_revoked',
  REQUEST_LIMIT_EXCEEDED: 'crm.daily_quota_exhausted',
  REQUIRED_FIELD_MISSING: 'crm.validation',
  FIELD_CUSTOM_VALIDATION_EXCEPTION: 'crm.validation',
  FIELD_FILTER_VALIDATION_EXCEPTION: 'crm.validation',
  FIELD_INTEGRITY_EXCEPTION: 'crm.validation',
  STRING_TOO_LONG: 'crm.validation',
  INVALID_EMAIL_ADDRESS: 'crm.validation',
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: 'crm.validation',
  INVALID_TYPE_ON_FIELD_IN_RECORD: 'crm.validation',
  NUMBER_OUTSIDE_VALID_RANGE: 'crm.validation',
  INVALID_CROSS_REFERENCE_KEY: 'crm.validation',
  MALFORMED_ID: 'crm.validation',
  MALFORMED_QUERY: 'crm.validation',
  DUPLICATE_DEVELOPER_NAME: 'crm.validation',
  JSON_PARSER_ERROR: 'crm.validation',
  INSUFFICIENT_ACCESS_OR_READONLY: 'crm.validation',
  INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: 'crm.validation',
  CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY: 'crm.validation',
  DUPLICATES_DETECTED: 'crm.duplicate_rule',
  DUPLICATE_EXTERNAL_ID: 'crm.duplicate_rule',
  MULTIPLE_CHOICES: 'crm.duplicate_rule',
  DUPLICATE_VALUE: 'crm.duplicate_rule',
  NOT_FOUND: 'crm.not_found',
  ENTITY_IS_DELETED: 'crm.not_found',
  INVALID_ID_FIELD: 'crm.not_found',
  UNABLE_TO_LOCK_ROW: 'crm.locked',
  SERVER_UNAVAILABLE: 'crm.transient',
  UNKNOWN_EXCEPTION: 'crm.transient',
  REQUEST_RUNNING_TOO_LONG: 'crm.transient',
  QUERY_TIMEOUT: 'crm.transient',
};

/** Socket-level failures node-fetch reports: the request may not have reached Salesforce. */
const transientNetworkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'FetchError',
  'AbortError',
]);

const retryAfter: Partial<Record<ErrorCode, number>> = {
  'crm.rate_limited': 5_000,
  'crm.locked': 2_000,
  // The allocation is a rolling 24-hour window: capacity comes back gradually, so probe again soon.
  'crm.daily_quota_exhausted': 15 * 60_000,
};

export interface ErrorContext {
  /** The sObject the call was about, to name it in the message. */
  sObject?: string;
}

function codeOf(error: SalesforceError): string {
  return error.errorCode ?? error.statusCode ?? 'UNKNOWN_EXCEPTION';
}

/** The class of one Salesforce error, refined by what its message says. */
function classOf(error: SalesforceError): ErrorCode {
  const code = codeOf(error);
  if (transientNetworkCodes.has(code)) return 'crm.transient';
  const httpStatus = /^ERROR_HTTP_(\d{3})$/.exec(code)?.[1];
  if (httpStatus) return codeForStatus(Number(httpStatus));
  // Concurrent long-running requests share the code with the daily allocation, but clear in seconds.
  if (code === 'REQUEST_LIMIT_EXCEEDED' && /concurrent/i.test(error.message)) return 'crm.rate_limited';
  if (code === 'NOT_FOUND' && /external id field/i.test(error.message)) return 'crm.invalid_property';
  // Two upserts of the same key racing: the retry finds the record and updates it.
  if (code === 'DUPLICATE_VALUE' && error.message.includes(externalKeyField)) return 'crm.conflict';
  return classes[code] ?? 'internal';
}

/** The field an INVALID_FIELD-style error is about. */
function fieldOf(error: SalesforceError): string | undefined {
  return (
    error.fields?.[0] ??
    /No such column '([^']+)'/.exec(error.message)?.[1] ??
    /external ID field does not exist or is not accessible: (\w+)/i.exec(error.message)?.[1] ??
    /Unable to create\/update fields: (\w+)/.exec(error.message)?.[1]
  );
}

function describe(code: ErrorCode, error: SalesforceError, context: ErrorContext): string {
  const on = context.sObject ? ` on ${context.sObject}` : '';
  const field = fieldOf(error);
  switch (code) {
    case 'crm.invalid_property':
      return field === externalKeyField
        ? `Salesforce has no ${externalKeyField} field${on}. Create it (Text, External ID, Unique) or click Create in CRM, so writes can be retried without duplicates.`
        : `Salesforce has no usable field ${field ? `"${field}"` : ''}${on} (${error.message}). ${userFixes[code]}`;
    case 'crm.validation':
      return `Salesforce rejected the record${on}${field ? ` (field ${field})` : ''}: ${error.message}. ${userFixes[code]}`;
    case 'crm.duplicate_rule':
      return `Salesforce found a duplicate${on}: ${error.message}. ${userFixes[code]}`;
    case 'crm.transient':
    case 'internal':
      return `Salesforce failed temporarily${on} (${codeOf(error)}); the sync retries automatically.`;
    case 'crm.conflict':
    case 'crm.locked':
      return `Salesforce was busy with the same record${on} (${codeOf(error)}); the sync retries automatically.`;
    default:
      return `${userFixes[code] ?? 'Salesforce refused the request.'} (Salesforce: ${codeOf(error)})`;
  }
}

/** A SyncError for the first of Salesforce's errors (the rest go to `details`). */
export function fromSalesforceErrors(errors: readonly SalesforceError[], context: ErrorContext = {}, cause?: unknown): SyncError {
  const first = errors[0] ?? { errorCode: 'UNKNOWN_EXCEPTION', message: 'Salesforce returned an error without details' };
  const code = classOf(first);
  const field = fieldOf(first);
  return new SyncError(code, describe(code, first, context), {
    details: {
      provider: 'salesforce',
      salesforce_code: codeOf(first),
      ...(field ? { field } : {}),
      ...(context.sObject ? { object: context.sObject } : {}),
      ...(errors.length > 1 ? { more: errors.slice(1).map((error) => ({ code: codeOf(error), message: error.message })) } : {}),
    },
    ...(retryAfter[code] === undefined ? {} : { retryAfterMs: retryAfter[code] }),
    cause,
  });
}

interface ThrownShape {
  name?: unknown;
  code?: unknown;
  errorCode?: unknown;
  message?: unknown;
  data?: unknown;
}

/**
 * Any failure of a Salesforce call → SyncError. jsforce throws `HttpApiError` (errorCode, data),
 * its OAuth client an Error named after the OAuth `error` (`invalid_grant`), node-fetch a
 * `FetchError` with a socket `code`.
 */
export function toSalesforceSyncError(thrown: unknown, context: ErrorContext = {}): SyncError {
  if (isSyncError(thrown)) return thrown;
  const shape: ThrownShape = typeof thrown === 'object' && thrown !== null ? thrown : {};
  const message = typeof shape.message === 'string' ? shape.message : String(thrown);
  const socketCode = typeof shape.code === 'string' ? shape.code : undefined;
  if (socketCode && transientNetworkCodes.has(socketCode)) {
    return fromSalesforceErrors([{ errorCode: socketCode, message }], context, thrown);
  }
  const errorCode = typeof shape.errorCode === 'string' ? shape.errorCode : typeof shape.name === 'string' ? shape.name : undefined;
  if (errorCode === 'MULTIPLE_API_ERRORS' && Array.isArray(shape.data)) {
    const errors = shape.data.flatMap((item) => {
      const parsed = salesforceErrorSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
    return fromSalesforceErrors(errors, context, thrown);
  }
  const fields = readFields(shape.data);
  return fromSalesforceErrors([{ errorCode: errorCode ?? 'UNKNOWN_EXCEPTION', message, fields }], context, thrown);
}

function readFields(data: unknown): string[] | undefined {
  const parsed = salesforceErrorSchema.safeParse(data);
  return parsed.success ? (parsed.data.fields ?? undefined) : undefined;
}
