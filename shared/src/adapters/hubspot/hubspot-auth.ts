import type { SyncError } from '../../errors';
import type { Clock } from '../../ports/clock';
import type { CrmLogger } from '../shared/crm-logger';
import { withRetry, type RetryDeps } from '../shared/retry';
import { tokenResponseSchema } from './from-hubspot';

/** Where each request's bearer token comes from. */
export interface AccessTokenSource {
  accessToken(): Promise<string>;
}

/** A private-app token: it does not expire. */
export class StaticAccessToken implements AccessTokenSource {
  constructor(private readonly token: string) {}

  accessToken(): Promise<string> {
    return Promise.resolve(this.token);
  }
}

/** What to persist after a refresh. HubSpot keeps the refresh token, but we hand back what it answered. */
export interface HubspotTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
}

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
}

/** Sends the refresh request; the factory wires it to the SDK's `oauth.tokensApi.create`. */
export type RefreshRequest = (refreshToken: string) => Promise<unknown>;

export interface HubspotOAuthSessionOptions {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms; null when unknown, which makes the first call refresh to learn it. */
  expiresAt: number | null;
  refresh: RefreshRequest;
  clock: Clock;
  logger: CrmLogger;
  retry: RetryDeps;
  classify: (error: unknown) => SyncError;
  onTokens?: ((tokens: HubspotTokens) => void | Promise<void>) | undefined;
  /** Refresh this long before expiry (default 5 minutes), so no request starts with a token about to lapse. */
  marginMs?: number;
}

/**
 * An OAuth connection's tokens. Refreshes ahead of `expires_in` (HubSpot access tokens live
 * 30 minutes), never on a 401, and one refresh at a time: callers arriving while a refresh is
 * under way wait for it instead of sending their own token request.
 * https://developers.hubspot.com/docs/api/oauth/tokens#refresh-an-access-token
 */
export class HubspotOAuthSession implements AccessTokenSource {
  private current: { accessToken: string; refreshToken: string; expiresAt: number | null };
  private refreshing: Promise<string> | null = null;
  private readonly marginMs: number;

  constructor(private readonly options: HubspotOAuthSessionOptions) {
    this.current = { accessToken: options.accessToken, refreshToken: options.refreshToken, expiresAt: options.expiresAt };
    this.marginMs = options.marginMs ?? 5 * 60_000;
  }

  accessToken(): Promise<string> {
    const { expiresAt } = this.current;
    if (expiresAt !== null && this.options.clock.now() < expiresAt - this.marginMs) return Promise.resolve(this.current.accessToken);
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<string> {
    const { logger, clock } = this.options;
    logger.info({ expiresAt: this.current.expiresAt }, 'refreshing the HubSpot access token');
    const raw = await withRetry(async () => {
      try {
        return await this.options.refresh(this.current.refreshToken);
      } catch (error) {
        throw this.options.classify(error);
      }
    }, this.options.retry);
    const parsed = tokenResponseSchema.parse(raw);
    const tokens: HubspotTokens = {
      accessToken: parsed.accessToken,
      refreshToken: parsed.refreshToken ?? this.current.refreshToken,
      expiresAt: clock.now() + parsed.expiresIn * 1000,
    };
    this.current = tokens;
    try {
      await this.options.onTokens?.(tokens);
    } catch (error) {
      // The new token works either way; a failed save only means the next process refreshes again.
      logger.error({ error: error instanceof Error ? error.message : String(error) }, 'saving refreshed HubSpot tokens failed');
    }
    return tokens.accessToken;
  }
}
