import { z } from 'zod';
import { userFixes } from '@synaptiq/shared/errors';
import type { ErrorCode } from '@synaptiq/shared/errors';

/**
 * The console's only way to the relay: /admin/session and /admin/api/* (the admin API as the signed-in
 * workspace). Every answer is parsed with a zod schema; every failure becomes an ApiError whose message says
 * what to do.
 */

const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).default({}) }),
});

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The product's documented fix for this code, when the message does not already say it. */
  get fix(): string | null {
    const fix = userFixes[this.code as ErrorCode];
    return fix && !this.message.includes(fix) ? fix : null;
  }

  /** Per-field messages of a 422 request.invalid (`body.sync_mode.interval_minutes` → message). */
  get fieldErrors(): Record<string, string> {
    const parsed = z.array(z.object({ path: z.string(), message: z.string() })).safeParse(this.details.errors);
    return parsed.success ? Object.fromEntries(parsed.data.map((e) => [e.path.replace(/^(body|query)\.?/, ''), e.message])) : {};
  }
}

let csrfToken = '';
let onSignedOut: () => void = () => undefined;

export const setCsrfToken = (token: string) => {
  csrfToken = token;
};
export const whenSignedOut = (handler: () => void) => {
  onSignedOut = handler;
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request(method: Method, url: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? null : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'The relay did not answer. Check that it is running and that this computer can reach it, then try again.');
  }
  if (response.ok) return response;
  const parsed = errorBodySchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new ApiError(response.status, 'internal', `The relay answered HTTP ${response.status}. Try again; if it keeps failing, check the relay's log.`);
  const { code, message, details } = parsed.data.error;
  if (response.status === 401 && code === 'auth.missing' && url.startsWith('/admin/api/')) onSignedOut();
  throw new ApiError(response.status, code, message, details);
}

async function parsed<S extends z.ZodType>(schema: S, response: Response): Promise<z.infer<S>> {
  const result = schema.safeParse(await response.json().catch(() => undefined));
  if (!result.success) throw new ApiError(response.status, 'internal', 'The relay answered something this page does not understand. Reload the page (the relay may have been updated).');
  return result.data;
}

/** Query strings without empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The admin API (paths like "/v1/settings"), reached through the console session. */
export const api = {
  get: async <S extends z.ZodType>(path: string, schema: S) => parsed(schema, await request('GET', `/admin/api${path}`)),
  send: async <S extends z.ZodType>(method: Exclude<Method, 'GET'>, path: string, body: unknown, schema: S) =>
    parsed(schema, await request(method, `/admin/api${path}`, body)),
  /** For answers without a body (204). */
  call: async (method: Exclude<Method, 'GET'>, path: string, body?: unknown) => {
    await request(method, `/admin/api${path}`, body);
  },
};

/** The console's own session endpoints. */
export const session = {
  get: async <S extends z.ZodType>(schema: S) => parsed(schema, await request('GET', '/admin/session')),
  send: async <S extends z.ZodType>(method: 'POST' | 'PUT', path: string, body: unknown, schema: S) => parsed(schema, await request(method, `/admin${path}`, body)),
  signOut: async () => {
    await request('DELETE', '/admin/session');
  },
};

/** A one-line description of any thrown value, for the page. */
export function describeError(error: unknown): { message: string; fix: string | null } {
  if (error instanceof ApiError) return { message: error.message, fix: error.fix };
  return { message: 'Something went wrong in this page. Reload it and try again.', fix: null };
}
