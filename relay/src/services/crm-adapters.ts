import type { Clock, CrmConnection, CrmProvider } from '@synaptiq/shared';
import { createHubspotAdapter } from '@synaptiq/shared/adapters/hubspot/index';
import type { HubspotPortalRegistry } from '@synaptiq/shared/adapters/hubspot/index';
import type { RefreshGate, RollingWindowLimiter } from '@synaptiq/shared/adapters/shared/index';
import { createSalesforceAdapter } from '@synaptiq/shared/adapters/salesforce/index';
import type { AdapterBuilder } from '../crm';
import type { Logger } from '../worker/types';

export interface OAuthApps {
  hubspot?: { clientId: string; clientSecret: string } | undefined;
  salesforce?: { clientId: string; clientSecret: string; redirectUri: string; loginUrl: string } | undefined;
}

export interface AdapterBuilderOptions {
  clock: Clock;
  logger: Logger;
  oauth: OAuthApps;
  /** The in-process sandbox CRM: its OAuth endpoints accept any client, so sandbox sessions can refresh too. */
  sandboxUrl: string | null;
  /** Several instances on one database: each CRM account's rate budget shared by all (relay/src/stores/postgres/coordination). */
  sharedLimits?: { hubspotRegistry: HubspotPortalRegistry; salesforceLimiter(connection: CrmConnection): RollingWindowLimiter } | undefined;
  /** Several instances on one database: a workspace's OAuth refreshes single-flight across them, rotated tokens never lost. */
  refreshGateFor?: ((workspaceId: string) => RefreshGate) | undefined;
}

const asCrmLogger = (logger: Logger) => ({
  debug: (fields: Record<string, unknown>, message: string) => logger.debug(fields, message),
  info: (fields: Record<string, unknown>, message: string) => logger.info(fields, message),
  warn: (fields: Record<string, unknown>, message: string) => logger.warn(fields, message),
  error: (fields: Record<string, unknown>, message: string) => logger.error(fields, message),
});

/** The real HubSpot and Salesforce adapters, for the CRM factory (relay/src/crm). */
export function realAdapterBuilders(options: AdapterBuilderOptions): Record<CrmProvider, AdapterBuilder> {
  const logger = asCrmLogger(options.logger);
  const sandboxSalesforceApp = options.sandboxUrl
    ? { clientId: 'synaptiq-relay', clientSecret: 'sandbox', redirectUri: `${options.sandboxUrl}/oauth/callback`, loginUrl: options.sandboxUrl }
    : undefined;
  return {
    hubspot: (request) =>
      createHubspotAdapter({
        connection: request.connection,
        oauth: options.oauth.hubspot,
        onTokens: (tokens) => request.onTokensRefreshed({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken, expires_at: tokens.expiresAt }),
        clock: options.clock,
        logger,
        registry: options.sharedLimits?.hubspotRegistry,
        refreshGate: request.sandbox ? undefined : options.refreshGateFor?.(request.workspaceId),
      }),
    salesforce: (request) => {
      const app = request.sandbox ? sandboxSalesforceApp : options.oauth.salesforce;
      return createSalesforceAdapter({
        connection: request.connection,
        oauth: app && { clientId: app.clientId, clientSecret: app.clientSecret, redirectUri: app.redirectUri },
        loginUrl: app?.loginUrl,
        personObject: request.settings.salesforce.person_object,
        onTokens: (tokens) =>
          request.onTokensRefreshed({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken, expires_at: tokens.expiresAt, instance_url: tokens.instanceUrl }),
        clock: options.clock,
        logger,
        limiter: options.sharedLimits?.salesforceLimiter(request.connection),
        refreshGate: request.sandbox ? undefined : options.refreshGateFor?.(request.workspaceId),
      });
    },
  };
}
