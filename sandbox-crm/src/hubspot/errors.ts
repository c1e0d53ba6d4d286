import { correlationId } from '../util/ids';

/** One entry of HubSpot's `errors[]`; context values are lists of strings. */
export interface HubspotErrorDetail {
  message: string;
  code?: string;
  context?: Record<string, string[]>;
}

/** HubSpot's error body: https://developers.hubspot.com/docs/api/error-handling */
export interface HubspotErrorBody {
  status: 'error';
  message: string;
  correlationId: string;
  category: string;
  errors?: HubspotErrorDetail[];
  context?: Record<string, string[]>;
  [extra: string]: unknown;
}

/** Thrown by handlers; the app's error handler answers `status` with `body`. */
export class HubspotHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: HubspotErrorBody,
  ) {
    super(body.message);
  }
}

export function errorBody(category: string, message: string, extra: Partial<HubspotErrorBody> = {}): HubspotErrorBody {
  return { status: 'error', message, correlationId: correlationId(), category, ...extra };
}

export function validationError(message: string, errors: HubspotErrorDetail[] = []): HubspotHttpError {
  return new HubspotHttpError(400, errorBody('VALIDATION_ERROR', message, errors.length ? { errors } : {}));
}

export function propertyDoesntExist(names: string[]): HubspotHttpError {
  const details = names.map((name) => ({
    message: `Property "${name}" does not exist`,
    code: 'PROPERTY_DOESNT_EXIST',
    context: { propertyName: [name] },
  }));
  const summary = names.map((name) => ({
    isValid: false,
    message: `Property "${name}" does not exist`,
    error: 'PROPERTY_DOESNT_EXIST',
    name,
  }));
  return validationError(`Property values were not valid: ${JSON.stringify(summary)}`, details);
}

export function notFound(message: string): HubspotHttpError {
  return new HubspotHttpError(404, errorBody('OBJECT_NOT_FOUND', message));
}

export function conflict(message: string): HubspotHttpError {
  return new HubspotHttpError(409, errorBody('CONFLICT', message));
}

/** HubSpot's wording for an oversized batch (VALIDATION_ERROR, no errors[]). */
export function batchLimitError(_count: number, max: number, what = 'a batch request'): HubspotHttpError {
  return new HubspotHttpError(
    400,
    errorBody('VALIDATION_ERROR', `The maximum number of inputs supported in ${what} is ${max}. Please reduce the number of items and try again`),
  );
}

/** Parses a request body; a malformed one gets HubSpot's 400 VALIDATION_ERROR. */
export function parseHubspot<T>(schema: { safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const errors = result.error.issues.map((i) => ({
    message: `${i.path.map(String).join('.') || 'body'}: ${i.message}`,
    code: 'INVALID_INPUT',
  }));
  throw validationError(`Invalid input JSON: ${errors.map((e) => e.message).join('; ')}`, errors);
}
