import type { AfterResponseMiddleware, BeforeRequestMiddleware, HttpResponse, ZObject } from 'zapier-platform-core';
import { relayErrorSchema } from './schemas/relay';

/** Sends the workspace API key on every request (auth lives here, not in each action). */
export const addApiKey: BeforeRequestMiddleware = (request, _z, bundle) => {
  const apiKey = bundle.authData.api_key;
  return { ...request, headers: { ...request.headers, ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}), Accept: 'application/json' } };
};

/** Seconds to wait before retrying: the relay's Retry-After, else a minute. */
function retryAfterSeconds(response: HttpResponse): number {
  const seconds = Number.parseInt(response.getHeader('retry-after') ?? '', 10);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 60;
}

function relayError(response: HttpResponse): { code: string; message: string } {
  let body: unknown = response.data;
  if (body === undefined || typeof body === 'string') {
    try {
      body = JSON.parse(response.content);
    } catch {
      body = undefined;
    }
  }
  const parsed = relayErrorSchema.safeParse(body);
  return parsed.success
    ? parsed.data.error
    : { code: `http_${response.status}`, message: `The relay answered HTTP ${response.status} without an error description. Check the relay URL and that the relay is running.` };
}

/**
 * Relay errors `{error: {code, message}}` → the Zapier error class that tells Zapier what to do next:
 * 401 on our key → reconnect; 429 → retry later; "already exists" → halt (not counted toward turning the Zap
 * off); anything else → the relay's own message, which says what to fix.
 */
export const handleRelayErrors: AfterResponseMiddleware = (response, z) => {
  // A request that asked to see its own error status (e.g. a 404 that means "nothing found") handles it.
  if (response.status < 400 || response.skipThrowForStatus) return response;
  throwRelayError(response, z);
};

export function throwRelayError(response: HttpResponse, z: ZObject): never {
  const { code, message } = relayError(response);
  if (response.status === 429) throw new z.errors.ThrottledError(message, retryAfterSeconds(response));
  // crm.auth_* is the relay's CRM connection, not this Zapier connection: reconnecting here would not help.
  if (response.status === 401 && !code.startsWith('crm.')) {
    throw new z.errors.ExpiredAuthError(`${message} Reconnect the Synaptiq CRM Sync account in Zapier with a current workspace API key.`);
  }
  if (response.status === 409 && (code === 'conflict' || /already exists/i.test(message))) throw new z.errors.HaltedError(message);
  throw new z.errors.Error(message, code, response.status);
}
