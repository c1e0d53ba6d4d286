import { Connection } from 'jsforce';
import { SyncError } from '../../errors';
import { type Clock, systemClock } from '../../ports/clock';
import type { CrmConnection } from '../../schemas/settings';
import { RollingWindowLimiter, realSleep } from '../shared/rate-limiter';
import type { RefreshGate } from '../shared/refresh-gate';
import type { RetryDeps } from '../shared/retry';
import { SalesforceApi } from './salesforce-api';
import { SalesforceCrmAdapter } from './salesforce-crm-adapter';
import { type CrmLogger, silentCrmLogger } from '../shared/crm-logger';
import { type SalesforceOAuthClient, defaultLoginUrl, oauthClient } from './salesforce-oauth';
import { SalesforceSession, type SalesforceTokens } from './salesforce-session';
import type { PersonObject } from './to-salesforce';

/** Always a current API version: jsforce defaults to 50.0. */
export const salesforceApiVersion = '62.0';

export interface CreateSalesforceAdapterOptions {
  connection: CrmConnection;
  /** The connected app, needed to refresh tokens; without it a 401 is final (auth expired). */
  oauth?: Omit<SalesforceOAuthClient, 'loginUrl'> | undefined;
  loginUrl?: string | undefined;
  /** Overrides `connection.instance_url` (e.g. the sandbox CRM's URL). */
  instanceUrl?: string | undefined;
  personObject: PersonObject;
  /** Receives new tokens after every refresh; persist them (the refresh token may have rotated). */
  onTokens?: ((tokens: SalesforceTokens) => void | Promise<void>) | undefined;
  clock?: Clock | undefined;
  logger?: CrmLogger | undefined;
  /** Shared pacing for every adapter on the same org (see LimiterRegistry); by default one per adapter. */
  limiter?: RollingWindowLimiter | undefined;
  /** Sends token refreshes (several relay instances: single-flight across them); sent directly by default. */
  refreshGate?: RefreshGate | undefined;
  /** Retry timing (tests pass an instant sleep and fixed jitter). */
  retry?: Partial<RetryDeps> | undefined;
}

export function createSalesforceAdapter(options: CreateSalesforceAdapterOptions): SalesforceCrmAdapter {
  const { connection } = options;
  if (connection.provider !== 'salesforce' || connection.auth !== 'oauth') {
    throw new SyncError('crm.not_configured', 'This connection is not a Salesforce OAuth connection. Connect Salesforce at /admin/settings > CRM.');
  }
  const instanceUrl = options.instanceUrl ?? connection.instance_url ?? connection.base_url;
  if (!instanceUrl) {
    throw new SyncError('crm.not_configured', 'The Salesforce connection has no instance URL. Reconnect Salesforce at /admin/settings > CRM.');
  }
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentCrmLogger;
  const loginUrl = options.loginUrl ?? defaultLoginUrl;

  let session: SalesforceSession | undefined;
  const conn = new Connection({
    version: salesforceApiVersion,
    loginUrl,
    instanceUrl,
    accessToken: connection.access_token,
    ...(options.oauth
      ? {
          oauth2: oauthClient({ ...options.oauth, loginUrl }),
          refreshToken: connection.refresh_token,
          // jsforce calls this on a 401; the session refreshes once for all callers and keeps rotated tokens.
          refreshFn: (c, callback) => session?.refreshFn(c, callback),
        }
      : {}),
  });
  if (options.oauth) {
    session = new SalesforceSession(conn, { clock, logger, expiresAt: connection.expires_at, onTokens: options.onTokens, refreshGate: options.refreshGate });
  }

  const sleep = options.retry?.sleep ?? realSleep;
  // Salesforce has no per-10-second limit like HubSpot, but pacing keeps a burst from eating the daily allocation.
  const limiter =
    options.limiter ?? new RollingWindowLimiter({ budget: connection.rate_limit_per_10s, windowMs: 10_000, clock, sleep });
  const api = new SalesforceApi({
    conn,
    session,
    limiters: [limiter],
    clock,
    logger,
    retry: {
      sleep,
      random: options.retry?.random ?? Math.random,
      ...(options.retry?.policy ? { policy: options.retry.policy } : {}),
      onRetry: (error, attempt, delayMs) => logger.warn({ code: error.code, attempt, delayMs }, 'salesforce call retried'),
    },
  });
  return new SalesforceCrmAdapter({ api, personObject: options.personObject, logger });
}
