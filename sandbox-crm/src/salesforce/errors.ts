/** One entry of a Salesforce REST error array: https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm */
export interface SfError {
  message: string;
  errorCode: string;
  fields?: string[];
  [extra: string]: unknown;
}

/** Thrown by handlers; answered as `status` with the error array. */
export class SalesforceHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errors: SfError[],
  ) {
    super(errors[0]?.message ?? 'Salesforce error');
  }
}

export const sfError = (errorCode: string, message: string, fields: string[] = []): SfError => ({ message, errorCode, fields });

export function sfFail(status: number, errorCode: string, message: string, fields: string[] = []): SalesforceHttpError {
  return new SalesforceHttpError(status, [sfError(errorCode, message, fields)]);
}

/** sObject Collections report per-record errors with `statusCode` instead of `errorCode`. */
export function toCollectionError(error: SfError) {
  const { errorCode, ...rest } = error;
  return { ...rest, statusCode: errorCode, fields: error.fields ?? [] };
}
