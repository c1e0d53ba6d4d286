import type { CrmProvider } from '@synaptiq/shared';

/** Where one CRM's OAuth flow happens, and the app the relay is registered as. */
export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  /** The page the user approves access on. */
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  scopes: string[];
  /** HubSpot: the API base stored with the connection when it is not the real one (the sandbox CRM). */
  apiBaseUrl?: string | undefined;
  /** Salesforce: the login host the token and revoke endpoints live under (jsforce refreshes there). */
  loginUrl?: string | undefined;
}

export interface OAuthOptions {
  /** deriveStateKey(ENCRYPTION_KEY) */
  stateKey: Buffer;
  /** The relay's public address; callbacks come back to <base>/v1/crm/callback/<provider>. */
  redirectBaseUrl: string;
  apps: Partial<Record<CrmProvider, OAuthApp>>;
  /** The HTTP client for token calls (global fetch by default). */
  fetch?: typeof fetch | undefined;
}

export const callbackPath = (provider: CrmProvider): string => `/v1/crm/callback/${provider}`;
export const redirectUriFor = (options: Pick<OAuthOptions, 'redirectBaseUrl'>, provider: CrmProvider): string =>
  `${options.redirectBaseUrl.replace(/\/+$/, '')}${callbackPath(provider)}`;

// https://developers.hubspot.com/docs/api/working-with-oauth (scopes the sync's reads and writes need)
const hubspotScopes = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.owners.read',
  'crm.schemas.contacts.read',
  'crm.schemas.contacts.write',
  'crm.schemas.companies.write',
  'crm.schemas.deals.write',
];

export interface OAuthEnv {
  HUBSPOT_CLIENT_ID?: string | undefined;
  HUBSPOT_CLIENT_SECRET?: string | undefined;
  HUBSPOT_OAUTH_AUTHORIZE_URL?: string | undefined;
  HUBSPOT_API_BASE_URL?: string | undefined;
  SALESFORCE_CLIENT_ID?: string | undefined;
  SALESFORCE_CLIENT_SECRET?: string | undefined;
  SALESFORCE_LOGIN_URL: string;
}

/**
 * The OAuth apps from the environment. A provider whose client id is not set uses the sandbox CRM's OAuth
 * endpoints when the sandbox runs (they accept any client), so the connect flow works out of the box;
 * with a client id it is the real provider (or the URLs the environment names).
 */
export function oauthAppsFromEnv(env: OAuthEnv, sandboxUrl: string | null): OAuthOptions['apps'] {
  const apps: OAuthOptions['apps'] = {};
  const sandboxApp = { clientId: 'synaptiq-relay', clientSecret: 'sandbox' };
  const hubspotApp = env.HUBSPOT_CLIENT_ID && env.HUBSPOT_CLIENT_SECRET ? { clientId: env.HUBSPOT_CLIENT_ID, clientSecret: env.HUBSPOT_CLIENT_SECRET } : sandboxUrl ? sandboxApp : null;
  if (hubspotApp) {
    const useSandbox = !env.HUBSPOT_CLIENT_ID && sandboxUrl !== null;
    const apiBase = (useSandbox ? sandboxUrl : env.HUBSPOT_API_BASE_URL) ?? 'https://api.hubapi.com';
    apps.hubspot = {
      ...hubspotApp,
      authorizeUrl: useSandbox ? `${sandboxUrl}/oauth/authorize` : (env.HUBSPOT_OAUTH_AUTHORIZE_URL ?? 'https://app.hubspot.com/oauth/authorize'),
      // https://developers.hubspot.com/docs/api/oauth/tokens
      tokenUrl: `${apiBase}/oauth/v1/token`,
      revokeUrl: `${apiBase}/oauth/v1/refresh-tokens`,
      scopes: hubspotScopes,
      apiBaseUrl: apiBase === 'https://api.hubapi.com' ? undefined : apiBase,
    };
  }
  const salesforceApp =
    env.SALESFORCE_CLIENT_ID && env.SALESFORCE_CLIENT_SECRET ? { clientId: env.SALESFORCE_CLIENT_ID, clientSecret: env.SALESFORCE_CLIENT_SECRET } : sandboxUrl ? sandboxApp : null;
  if (salesforceApp) {
    const login = !env.SALESFORCE_CLIENT_ID && sandboxUrl !== null ? sandboxUrl : env.SALESFORCE_LOGIN_URL.replace(/\/+$/, '');
    // https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_web_server_flow.htm
    apps.salesforce = {
      ...salesforceApp,
      authorizeUrl: `${login}/services/oauth2/authorize`,
      tokenUrl: `${login}/services/oauth2/token`,
      revokeUrl: `${login}/services/oauth2/revoke`,
      scopes: ['api', 'refresh_token'],
      loginUrl: login,
    };
  }
  return apps;
}

/**
 * The same apps as the CRM adapters need them to refresh tokens (services/crm-adapters.ts OAuthApps), so a
 * connection made through the connect flow, the sandbox's included, keeps working after its access token expires.
 */
export function refreshApps(options: Pick<OAuthOptions, 'apps' | 'redirectBaseUrl'>) {
  const { hubspot, salesforce } = options.apps;
  return {
    hubspot: hubspot && { clientId: hubspot.clientId, clientSecret: hubspot.clientSecret },
    salesforce: salesforce?.loginUrl
      ? { clientId: salesforce.clientId, clientSecret: salesforce.clientSecret, redirectUri: redirectUriFor(options, 'salesforce'), loginUrl: salesforce.loginUrl }
      : undefined,
  };
}
