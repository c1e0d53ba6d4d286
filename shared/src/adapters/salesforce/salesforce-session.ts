import type { Connection } from 'jsforce';
import type { Clock } from '../../ports/clock';
import type { SyncError } from '../../errors';
import { toSalesforceSyncError } from './salesforce-errors';
import { type TokenResponse, tokenResponseSchema } from './salesforce-schemas';
import type { CrmLogger } from '../shared/crm-logger';
import type { RefreshGate } from '../shared/refresh-gate';

/** What to persist after a refresh: the rotated refresh token must replace the old one. */
export interface SalesforceTokens {
  accessToken: string;
  refreshToken: string;
  instanceUrl: string;
  /** Epoch ms when the access token expires, when Salesforce says (it usually does not). */
  expiresAt: number | null;
}

export interface SalesforceSessionOptions {
  clock: Clock;
  logger: CrmLogger;
  expiresAt: number | null;
  onTokens?: ((tokens: SalesforceTokens) => void | Promise<void>) | undefined;
  /** Sends token refreshes (several relay instances: single-flight across them); sent directly by default. */
  refreshGate?: RefreshGate | undefined;
}

/** Refresh this long before a known expiry, so a request never starts with a token about to lapse. */
const refreshMarginMs = 60_000;

/**
 * The OAuth session of one Salesforce connection. jsforce refreshes on a 401 but keeps the old
 * refresh token; Salesforce may rotate it (and then the old one is dead), so every refresh here
 * adopts the new one and hands it to `onTokens` to persist. One refresh at a time: concurrent
 * callers share the same token call.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_refresh_token_flow.htm
 */
export class SalesforceSession {
  private inFlight: Promise<void> | undefined;
  private expiresAt: number | null;
  /** Why the last refresh failed, so the caller sees "revoked" rather than jsforce's wrapped message. */
  lastFailure: SyncError | undefined;

  constructor(
    private readonly conn: Connection,
    private readonly options: SalesforceSessionOptions,
  ) {
    this.expiresAt = options.expiresAt;
  }

  /** Refreshes now unless a refresh is already running, in which case it waits for that one. */
  refresh(): Promise<void> {
    this.inFlight ??= this.refreshOnce().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Refreshes ahead of a known expiry. */
  async ensureFresh(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.expiresAt !== null && this.options.clock.now() >= this.expiresAt - refreshMarginMs) await this.refresh();
  }

  /** jsforce's `refreshFn` hook: its 401 handling goes through the same single-flight refresh. */
  readonly refreshFn = (_conn: Connection, callback: (err: Error | null | undefined, accessToken?: string) => void): void => {
    this.refresh().then(
      () => callback(null, this.conn.accessToken ?? undefined),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  };

  private async refreshOnce(): Promise<void> {
    const refreshToken = this.conn.refreshToken;
    if (!refreshToken) throw this.fail(new Error('No refresh token: reconnect Salesforce'));
    let response: TokenResponse;
    try {
      // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/intro_understanding_refresh_token_oauth.htm
      const send = (token: string): Promise<unknown> => this.conn.oauth2.refreshToken(token);
      const gate = this.options.refreshGate;
      const answer = gate ? await gate({ refreshToken, send, nextRefreshToken: (raw) => tokenResponseSchema.safeParse(raw).data?.refresh_token }) : await send(refreshToken);
      response = tokenResponseSchema.parse(answer);
    } catch (error) {
      throw this.fail(error);
    }
    this.lastFailure = undefined;
    this.adopt(response, refreshToken);
    await this.persist();
  }

  private adopt(response: TokenResponse, previousRefreshToken: string): void {
    this.conn.accessToken = response.access_token;
    this.conn.refreshToken = response.refresh_token ?? previousRefreshToken;
    if (response.instance_url) this.conn.instanceUrl = response.instance_url;
    this.expiresAt = response.expires_in === undefined ? null : this.options.clock.now() + response.expires_in * 1000;
    this.options.logger.info({ rotated: response.refresh_token !== undefined }, 'salesforce token refreshed');
  }

  private async persist(): Promise<void> {
    if (!this.options.onTokens) return;
    try {
      await this.options.onTokens(this.tokens());
    } catch (error) {
      // The new access token works for this process; only a restart would be affected, so say so loudly.
      this.options.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'salesforce tokens could not be persisted');
    }
  }

  /** The current tokens (for callers that persist them themselves). */
  tokens(): SalesforceTokens {
    return {
      accessToken: this.conn.accessToken ?? '',
      refreshToken: this.conn.refreshToken ?? '',
      instanceUrl: this.conn.instanceUrl,
      expiresAt: this.expiresAt,
    };
  }

  private fail(error: unknown): SyncError {
    const syncError = toSalesforceSyncError(error);
    this.lastFailure = syncError;
    this.options.logger.warn({ code: syncError.code }, 'salesforce token refresh failed');
    return syncError;
  }
}
