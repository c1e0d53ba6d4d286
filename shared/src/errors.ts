/**
 * One error family for the whole product. Every failure a user can cause carries a stable
 * `code`, a message that says what to fix, and what the relay should do with the work:
 * retry it, dead-letter it, or pause the workspace until the user acts.
 */

export const errorCodes = {
  // inbound
  'signature.missing': { status: 401, disposition: 'reject' },
  'signature.invalid': { status: 401, disposition: 'reject' },
  'signature.timestamp_out_of_range': { status: 401, disposition: 'reject' },
  'request.invalid': { status: 422, disposition: 'reject' },
  'request.malformed_json': { status: 400, disposition: 'reject' },
  'request.too_large': { status: 413, disposition: 'reject' },
  'request.unsupported_media_type': { status: 415, disposition: 'reject' },
  'auth.missing': { status: 401, disposition: 'reject' },
  'auth.invalid': { status: 401, disposition: 'reject' },
  'auth.forbidden': { status: 403, disposition: 'reject' },
  'not_found': { status: 404, disposition: 'reject' },
  'conflict': { status: 409, disposition: 'reject' },
  'rate_limited': { status: 429, disposition: 'reject' },
  // lead data
  'lead.missing_required_fields': { status: 422, disposition: 'skip' },
  // CRM
  'crm.invalid_property': { status: 422, disposition: 'pause' },
  'crm.auth_expired': { status: 401, disposition: 'pause' },
  'crm.auth_revoked': { status: 401, disposition: 'pause' },
  'crm.rate_limited': { status: 429, disposition: 'retry' },
  'crm.daily_quota_exhausted': { status: 429, disposition: 'pause' },
  'crm.validation': { status: 422, disposition: 'dead_letter' },
  'crm.duplicate_rule': { status: 409, disposition: 'dead_letter' },
  'crm.not_found': { status: 404, disposition: 'dead_letter' },
  'crm.conflict': { status: 409, disposition: 'retry' },
  'crm.locked': { status: 423, disposition: 'retry' },
  'crm.transient': { status: 502, disposition: 'retry' },
  'crm.not_configured': { status: 409, disposition: 'pause' },
  'internal': { status: 500, disposition: 'retry' },
} as const satisfies Record<string, { status: number; disposition: Disposition }>;

/** What to do with the work that failed. */
export type Disposition = 'reject' | 'retry' | 'dead_letter' | 'pause' | 'skip';
export type ErrorCode = keyof typeof errorCodes;

export interface SyncErrorOptions {
  details?: Record<string, unknown>;
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * Marks every SyncError, whichever copy of this module made it. A second module instance (the same file loaded
 * under another URL, or inlined in a bundle such as zapier-app/dist) has its own class, so `instanceof` alone
 * would silently call its errors unknown; Symbol.for gives every copy the same key.
 */
const syncErrorBrand: unique symbol = Symbol.for('synaptiq.SyncError');

export class SyncError extends Error {
  /** `instanceof SyncError` is the brand check, so it holds across module copies too (subclasses keep the usual check). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== SyncError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return isSyncError(value);
  }

  declare readonly [syncErrorBrand]: true;
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, message: string, options: SyncErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SyncError';
    this.code = code;
    this.details = options.details ?? {};
    this.retryAfterMs = options.retryAfterMs;
  }

  get status(): number {
    return errorCodes[this.code].status;
  }

  get disposition(): Disposition {
    return errorCodes[this.code].disposition;
  }

  get retryable(): boolean {
    return this.disposition === 'retry';
  }

  /** The shape the relay answers with and the sync log stores: never the cause (it may hold secrets). */
  toJSON(): SyncErrorJson {
    return {
      code: this.code,
      message: this.message,
      details: this.details,
      ...(this.retryAfterMs === undefined ? {} : { retry_after_ms: this.retryAfterMs }),
    };
  }
}

// On the prototype, not the instance: a spread copy (`{ ...error }`) has no methods and must not pass for one.
Object.defineProperty(SyncError.prototype, syncErrorBrand, { value: true });

export interface SyncErrorJson {
  code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
  retry_after_ms?: number;
}

/** A SyncError of any copy of this module (a brand check, not `instanceof`: see syncErrorBrand). */
export function isSyncError(error: unknown): error is SyncError {
  return typeof error === 'object' && error !== null && (error as { [syncErrorBrand]?: unknown })[syncErrorBrand] === true && typeof (error as { code?: unknown }).code === 'string';
}

/** Any thrown value as a SyncError; unknown failures become an opaque `internal` error. */
export function toSyncError(error: unknown): SyncError {
  if (isSyncError(error)) return error;
  return new SyncError('internal', 'An unexpected error occurred; it was logged and the work will be retried.', {
    cause: error,
  });
}

/** The user-facing fix for each CRM failure, from the troubleshooting table of the CRM-sync docs. */
export const userFixes: Partial<Record<ErrorCode, string>> = {
  'crm.invalid_property':
    'A mapped CRM field was deleted or renamed. Update the field mapping at /admin/settings > CRM > Field Mapping, or click Create in CRM.',
  'crm.rate_limited': 'Too many API calls to the CRM. The sync retries automatically; switch to batched sync mode if it keeps happening.',
  'crm.daily_quota_exhausted':
    'The CRM\'s daily API allocation is used up. Sync resumes when it resets; switch to batched sync mode to use fewer calls.',
  'crm.auth_expired': 'The CRM session expired or was revoked. Reconnect at /admin/settings > CRM.',
  'crm.auth_revoked': 'The CRM access was revoked. Reconnect at /admin/settings > CRM.',
  'crm.duplicate_rule':
    'A duplicate rule in the CRM blocked the record. Review the duplicate rule or change Duplicate Handling at /admin/settings > CRM.',
  'crm.validation': 'The CRM rejected a value. Check the field mapping and the value shown in the sync log.',
  'crm.not_found': 'The CRM record no longer exists. Replay the event to create it again.',
  'crm.not_configured': 'No CRM is connected. Connect one at /admin/settings > CRM.',
};
