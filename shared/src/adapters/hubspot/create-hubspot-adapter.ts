import { Client } from '@hubspot/api-client';
import { createHash } from 'node:crypto';
import { SyncError } from '../../errors';
import { systemClock, type Clock } from '../../ports/clock';
import type { CrmConnection } from '../../schemas/settings';
import { silentCrmLogger, type CrmLogger } from '../shared/crm-logger';
import { LimiterRegistry, realSleep, RollingWindowLimiter, type Sleep } from '../shared/rate-limiter';
import type { RefreshGate } from '../shared/refresh-gate';
import type { RetryDeps } from '../shared/retry';
import { tokenResponseSchema } from './from-hubspot';
import { HubspotOAuthSession, StaticAccessToken, type AccessTokenSource, type HubspotTokens, type OAuthApp } from './hubspot-auth';
import { HubspotCrmAdapter, type PortalInfo } from './hubspot-crm-adapter';
import { classifyRefreshError } from './hubspot-errors';
import { HubspotTransport, type HubspotLimiters } from './hubspot-transport';

/**
 * What lives as long as a HubSpot portal's budget, shared by every adapter on the same
 * credentials in this process: the rate limiters and the OAuth session (one refresh at a time).
 */
export class HubspotPortalRegistry {
  readonly limiters = new LimiterRegistry<HubspotLimiters>();
  private readonly sessions = new Map<string, HubspotOAuthSession>();

  session(key: string, create: () => HubspotOAuthSession): HubspotOAuthSession {
    const existing = this.sessions.get(key);
    if (existing) return existing;
    const session = create();
    this.sessions.set(key, session);
    return session;
  }
}

export const processHubspotRegistry = new HubspotPortalRegistry();

export interface CreateHubspotAdapterOptions {
  connection: CrmConnection;
  /** Overrides `connection.base_url` (e.g. the sandbox CRM's URL); default https://api.hubapi.com. */
  basePath?: string | undefined;
  /** The OAuth app, needed to refresh an OAuth connection's access token. */
  oauth?: OAuthApp | undefined;
  /** Receives the new tokens after every refresh: persist them. */
  onTokens?: ((tokens: HubspotTokens) => void | Promise<void>) | undefined;
  clock?: Clock | undefined;
  logger?: CrmLogger | undefined;
  /** The portal when already known (saves one account-info call). */
  portal?: PortalInfo | undefined;
  /** Where limiters and sessions are shared; the process-wide one by default, a fresh one in tests. */
  registry?: HubspotPortalRegistry | undefined;
  /** Retry timing (tests pass a fake sleep and fixed jitter). */
  retry?: Partial<RetryDeps> | undefined;
  /** Sends token refreshes (several relay instances: single-flight across them); sent directly by default. */
  refreshGate?: RefreshGate | undefined;
}

/** HubSpot's CRM search allows 5 requests per second per account, apart from the 10-second budget. */
const searchBudgetPerSecond = 5;

/** Builds the HubSpot adapter from a stored connection, with the real SDK client, limiters and session. */
export function createHubspotAdapter(options: CreateHubspotAdapterOptions): HubspotCrmAdapter {
  const { connection } = options;
  if (connection.provider !== 'hubspot') {
    throw new SyncError('crm.not_configured', 'This connection is not a HubSpot connection. Connect HubSpot at /admin/settings > CRM.');
  }
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentCrmLogger;
  const registry = options.registry ?? processHubspotRegistry;
  const sleep: Sleep = options.retry?.sleep ?? realSleep;
  const retry: RetryDeps = {
    sleep,
    random: options.retry?.random ?? Math.random,
    ...(options.retry?.policy ? { policy: options.retry.policy } : {}),
    ...(options.retry?.onRetry ? { onRetry: options.retry.onRetry } : {}),
  };
  const basePath = (options.basePath ?? connection.base_url ?? 'https://api.hubapi.com').replace(/\/+$/, '');
  // The SDK's retry and limiter are process-global (the last Client made sets them for all): keep both off.
  const sdkClient = () => new Client({ basePath, numberOfApiCallRetries: 0 });
  const portalKey = `${basePath}|${fingerprint(connection.auth === 'oauth' ? connection.refresh_token : connection.access_token)}`;

  const limiters = registry.limiters.get(portalKey, () => ({
    general: new RollingWindowLimiter({ budget: connection.rate_limit_per_10s, windowMs: 10_000, clock, sleep }),
    search: new RollingWindowLimiter({ budget: searchBudgetPerSecond, windowMs: 1000, clock, sleep }),
  }));

  let tokens: AccessTokenSource = new StaticAccessToken(connection.access_token);
  if (connection.auth === 'oauth' && options.oauth) {
    const app = options.oauth;
    const oauthClient = sdkClient();
    tokens = registry.session(
      portalKey,
      () =>
        new HubspotOAuthSession({
          accessToken: connection.access_token,
          refreshToken: connection.refresh_token,
          expiresAt: connection.expires_at,
          clock,
          logger,
          retry,
          onTokens: options.onTokens,
          classify: (error) => classifyRefreshError(error, { nowMs: clock.now() }),
          refresh: (refreshToken) => {
            // https://developers.hubspot.com/docs/api/oauth/tokens (POST /oauth/v1/token, form-encoded)
            const send = (token: string): Promise<unknown> =>
              oauthClient.oauth.tokensApi.create('refresh_token', undefined, undefined, app.clientId, app.clientSecret, token);
            if (!options.refreshGate) return send(refreshToken);
            return options.refreshGate({ refreshToken, send, nextRefreshToken: (answer) => tokenResponseSchema.safeParse(answer).data?.refreshToken });
          },
        }),
    );
  }

  const transport = new HubspotTransport({ client: sdkClient(), tokens, limiters, clock, retry, logger });
  return new HubspotCrmAdapter({ transport, clock, logger, portal: options.portal });
}

/** A stable, non-reversible name for credentials (never the secret itself in a map key or a log). */
const fingerprint = (secret: string): string => createHash('sha256').update(secret).digest('hex').slice(0, 16);
