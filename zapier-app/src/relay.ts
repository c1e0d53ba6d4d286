import type { Bundle, ZObject } from 'zapier-platform-core';
import type { z } from 'zod';

export interface RelayCall {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** A path under the relay's base URL, e.g. "/v1/leads". */
  path: string;
  params?: Record<string, string | number | undefined>;
  body?: Record<string, unknown>;
}

/** The relay base URL from the connection, without a trailing slash. */
export const relayBaseUrl = (bundle: Pick<Bundle, 'authData'>): string => String(bundle.authData.relay_url ?? '').trim().replace(/\/+$/, '');

const definedParams = (params: RelayCall['params'] = {}) =>
  Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '').map(([k, v]) => [k, String(v)]));

/**
 * One call to the relay's admin API, its answer parsed with `schema`. Auth and error mapping live in the
 * middleware (middleware.ts); this only builds the URL and checks the answer's shape.
 */
export async function callRelay<T extends z.ZodType>(z: ZObject, bundle: Pick<Bundle, 'authData'>, call: RelayCall, schema: T): Promise<z.infer<T>> {
  const response = await z.request({
    url: `${relayBaseUrl(bundle)}${call.path}`,
    method: call.method ?? 'GET',
    params: definedParams(call.params),
    ...(call.body === undefined ? {} : { body: call.body }),
  });
  const parsed = schema.safeParse(response.data);
  if (!parsed.success) {
    throw new z.errors.Error(
      `The relay answered ${call.method ?? 'GET'} ${call.path} in an unexpected shape (${parsed.error.issues[0]?.path.join('.') ?? 'body'}: ${parsed.error.issues[0]?.message ?? 'invalid'}). Check that the relay is up to date.`,
      'relay.unexpected_answer',
      response.status,
    );
  }
  return parsed.data;
}
