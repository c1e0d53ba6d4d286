import { z } from 'zod';
import { crmConnectionSchema, SyncError } from '@synaptiq/shared';
import type { CrmConnection, CrmProvider } from '@synaptiq/shared';
import type { OAuthApp } from './oauth-apps';

/** Token answers: HubSpot https://developers.hubspot.com/docs/api/oauth/tokens, Salesforce web-server flow. */
const hubspotTokenSchema = z.object({ access_token: z.string().min(1), refresh_token: z.string().min(1), expires_in: z.number().int().positive() });
const salesforceTokenSchema = z.object({ access_token: z.string().min(1), refresh_token: z.string().min(1), instance_url: z.url() });

export interface ExchangeRequest {
  provider: CrmProvider;
  app: OAuthApp;
  code: string;
  redirectUri: string;
  now: number;
  fetch: typeof fetch;
}

/**
 * Trades an authorization code for tokens (POST, form-encoded, as both providers require) and returns the
 * connection to store encrypted. A refused code is a SyncError that never carries the code or a token.
 */
export async function exchangeCode(request: ExchangeRequest): Promise<CrmConnection> {
  const { app, provider } = request;
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: app.clientId,
    client_secret: app.clientSecret,
    redirect_uri: request.redirectUri,
    code: request.code,
  });
  let answer: Response;
  try {
    answer = await request.fetch(app.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body });
  } catch (error) {
    throw new SyncError('crm.transient', `${label(provider)} could not be reached to finish connecting; try again in a minute.`, { cause: error });
  }
  const json: unknown = await answer.json().catch(() => undefined);
  if (!answer.ok) {
    throw new SyncError('crm.auth_revoked', `${label(provider)} refused the authorization (${providerError(json) ?? `HTTP ${answer.status}`}). Start connecting again.`, {
      details: { status: answer.status },
    });
  }
  if (provider === 'hubspot') {
    const tokens = hubspotTokenSchema.parse(json);
    return crmConnectionSchema.parse({
      provider,
      auth: 'oauth',
      access_token: tokens.access_token,
      refresh_token: tokens.refresh_token,
      expires_at: request.now + tokens.expires_in * 1000,
      ...(app.apiBaseUrl ? { base_url: app.apiBaseUrl } : {}),
    });
  }
  const tokens = salesforceTokenSchema.parse(json);
  return crmConnectionSchema.parse({ provider, auth: 'oauth', access_token: tokens.access_token, refresh_token: tokens.refresh_token, instance_url: tokens.instance_url });
}

/**
 * Revokes a connection's refresh token at the provider (which ends its access tokens too); false when the
 * provider could not be reached or refused, since disconnecting must work even then.
 * HubSpot: DELETE /oauth/v1/refresh-tokens/{token}; Salesforce: POST /services/oauth2/revoke.
 */
export async function revokeConnection(app: OAuthApp, connection: CrmConnection, fetcher: typeof fetch): Promise<boolean> {
  if (connection.auth !== 'oauth') return false;
  try {
    const answer =
      connection.provider === 'hubspot'
        ? await fetcher(`${app.revokeUrl}/${encodeURIComponent(connection.refresh_token)}`, { method: 'DELETE' })
        : await fetcher(app.revokeUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ token: connection.refresh_token }),
          });
    return answer.ok;
  } catch {
    return false;
  }
}

export const label = (provider: CrmProvider): string => (provider === 'hubspot' ? 'HubSpot' : 'Salesforce');

/** The provider's own words about a refused grant (never a token: these fields carry none). */
function providerError(json: unknown): string | undefined {
  const parsed = z.object({ error: z.string().optional(), error_description: z.string().optional(), status: z.string().optional(), message: z.string().optional() }).safeParse(json);
  if (!parsed.success) return undefined;
  const { error, error_description, status, message } = parsed.data;
  return [error ?? status, error_description ?? message].filter(Boolean).join(': ') || undefined;
}
