import { OAuth2 } from 'jsforce';
import { SyncError } from '../../errors';
import type { CrmConnection } from '../../schemas/settings';
import { toSalesforceSyncError } from './salesforce-errors';
import { tokenResponseSchema } from './salesforce-schemas';

/**
 * OAuth 2.0 web-server flow for connecting a Salesforce org: send the user to the authorization
 * URL, then exchange the code the redirect brings back for tokens.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_web_server_flow.htm
 */

export interface SalesforceOAuthClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** https://login.salesforce.com (production), https://test.salesforce.com (sandboxes), or the sandbox CRM. */
  loginUrl?: string | undefined;
}

export const defaultLoginUrl = 'https://login.salesforce.com';

/**
 * `api` for REST calls, `id` for the userinfo endpoint verifyConnection reads, `refresh_token` so
 * the relay can work while the user is away. The connected app must allow all three.
 * https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_tokens_scopes.htm
 */
const scopes = 'api id refresh_token';

export function oauthClient(client: SalesforceOAuthClient): OAuth2 {
  return new OAuth2({
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri: client.redirectUri,
    loginUrl: client.loginUrl ?? defaultLoginUrl,
  });
}

/** Where to send the user; `state` must be unguessable and checked on the way back (CSRF). */
export function salesforceAuthorizationUrl(client: SalesforceOAuthClient, state: string): string {
  return oauthClient(client).getAuthorizationUrl({ state, scope: scopes });
}

/** Exchanges the authorization code for a connection the relay can store (encrypted). */
export async function exchangeSalesforceCode(client: SalesforceOAuthClient, code: string): Promise<CrmConnection> {
  try {
    const tokens = tokenResponseSchema.parse(await oauthClient(client).requestToken(code));
    if (!tokens.refresh_token) {
      throw new SyncError('crm.auth_revoked', 'Salesforce issued no refresh token: allow the refresh_token scope in the connected app, then reconnect.');
    }
    return {
      provider: 'salesforce',
      auth: 'oauth',
      access_token: tokens.access_token,
      refresh_token: tokens.refresh_token,
      expires_at: null,
      ...(tokens.instance_url ? { instance_url: tokens.instance_url } : {}),
      rate_limit_per_10s: 110,
    };
  } catch (error) {
    throw toSalesforceSyncError(error);
  }
}
