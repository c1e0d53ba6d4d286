import type { Client } from '@hubspot/api-client';
import type { SyncError } from '../../errors';
import type { Clock } from '../../ports/clock';
import type { CrmLogger } from '../shared/crm-logger';
import { guardedCall } from '../shared/guarded-call';
import { headerValue } from '../shared/http-errors';
import type { RollingWindowLimiter } from '../shared/rate-limiter';
import type { RetryDeps } from '../shared/retry';
import type { AccessTokenSource } from './hubspot-auth';
import { classifyHubspotError, HubspotResponseError } from './hubspot-errors';

/** The two budgets of a portal: all API calls (per 10 s), and CRM search (5 per second, its own bucket). */
export interface HubspotLimiters {
  general: RollingWindowLimiter;
  search: RollingWindowLimiter;
}

export interface HubspotTransportDeps {
  /** An SDK client made with numberOfApiCallRetries: 0 and no limiter (its own are process-global). */
  client: Client;
  tokens: AccessTokenSource;
  limiters: HubspotLimiters;
  clock: Clock;
  retry: RetryDeps;
  logger: CrmLogger;
}

/** What a call is, for limits, error messages and logs. */
export interface HubspotCall {
  name: string;
  objectType?: string;
  search?: boolean;
}

/** The SDK's `…WithHttpInfo` answer: the parsed body plus the response headers. */
export interface WithHeaders<T> {
  headers: Record<string, string>;
  data: T;
}

/**
 * Sends SDK calls under this portal's own limits and retry: the current access token, the
 * general (and for searches, the search) limiter, classification into SyncError, retry of what
 * is retryable, and the rate-limit headers fed back into the limiter.
 */
export class HubspotTransport {
  private tokenInUse: string | null = null;

  constructor(private readonly deps: HubspotTransportDeps) {}

  send<T>(call: HubspotCall, request: (client: Client) => Promise<WithHeaders<T>>): Promise<T> {
    const { limiters, clock, logger } = this.deps;
    const bucket = call.search ? [limiters.general, limiters.search] : [limiters.general];
    const classify = (error: unknown): SyncError => classifyHubspotError(error, { objectType: call.objectType, nowMs: clock.now() });
    return guardedCall(
      bucket,
      {
        clock,
        classify,
        retry: {
          ...this.deps.retry,
          onRetry: (error, attempt, delayMs) => {
            logger.warn({ call: call.name, code: error.code, attempt, delayMs }, 'HubSpot call failed; retrying');
            this.deps.retry.onRetry?.(error, attempt, delayMs);
          },
        },
      },
      async () => {
        const client = await this.authorisedClient();
        logger.debug({ call: call.name }, 'HubSpot call');
        const answer = await request(client);
        this.observe(answer.headers);
        return answer.data;
      },
    );
  }

  /** The SDK reads the token when it builds each API object, so a new token is set before the call. */
  private async authorisedClient(): Promise<Client> {
    const token = await this.deps.tokens.accessToken();
    if (token !== this.tokenInUse) {
      this.deps.client.setAccessToken(token);
      this.tokenInUse = token;
    }
    return this.deps.client;
  }

  /** X-HubSpot-RateLimit-Remaining counts every app on the portal: when it hits 0, wait out the window. */
  private observe(headers: Record<string, string>): void {
    const remaining = headerValue(headers, 'x-hubspot-ratelimit-remaining');
    if (remaining === undefined) return;
    const interval = Number(headerValue(headers, 'x-hubspot-ratelimit-interval-milliseconds'));
    this.deps.limiters.general.observeRemaining(Number(remaining), Number.isFinite(interval) && interval > 0 ? interval : undefined);
  }
}

/**
 * A JSON request through the SDK's `apiRequest`, for what its typed APIs cannot send: endpoints it
 * lacks (account-info) and fields its models drop (v14's batch-create input has no
 * `objectWriteTraceId`, so per-input errors could not be asked for). Non-2xx answers are thrown in
 * the ApiException shape, so they are classified like every other failure.
 */
export async function rawJson(
  client: Client,
  request: { method: 'GET' | 'POST'; path: string; body?: unknown },
): Promise<WithHeaders<unknown>> {
  const response = await client.apiRequest({ method: request.method, path: request.path, ...(request.body === undefined ? {} : { body: request.body }) });
  const headers = Object.fromEntries(response.headers.entries());
  const text = await response.text();
  const body: unknown = text === '' ? null : parseJson(text);
  if (!response.ok) throw new HubspotResponseError(response.status, body, headers);
  return { headers, data: body };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 500) };
  }
}
