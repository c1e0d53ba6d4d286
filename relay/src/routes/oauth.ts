import { Router } from 'express';
import { z } from 'zod';
import { crmProviderSchema, SyncError } from '@synaptiq/shared';
import type { Clock, ConfigStore, CrmProvider } from '@synaptiq/shared';
import type { SecretBox } from '../crypto';
import { workspaceOf } from '../http/auth';
import { parseRequest, pathParam } from '../http/validate';
import { authorizeUrl, completeConnect, disconnect, UsedStates } from '../services/oauth';
import type { OAuthOptions } from '../services/oauth';
import { label } from '../services/oauth/oauth-tokens';
import { sendResultPage } from '../services/oauth/result-page';
import type { Logger } from '../worker/types';

export interface OAuthRouteDeps {
  stores: { config: ConfigStore };
  secrets: SecretBox;
  clock: Clock;
  logger: Logger;
  /** Absent: the connect routes answer crm.not_configured. */
  oauth?: OAuthOptions | undefined;
  resume: (workspaceId: string) => Promise<void>;
}

const providerParam = (value: string): CrmProvider => parseRequest(crmProviderSchema, value, 'params');

function oauthOf(deps: OAuthRouteDeps): OAuthOptions {
  if (!deps.oauth) throw new SyncError('crm.not_configured', 'OAuth connect is not set up on this relay: set OAUTH_REDIRECT_BASE_URL and the CRM client ids.');
  return deps.oauth;
}

/**
 * Admin side of OAuth connect (API key): `POST /v1/crm/connect/:provider` → `{authorize_url, expires_at}` (a
 * link good for 10 minutes, to open in a browser); `GET` the same path → 302 to it; `DELETE /v1/crm/connection`.
 */
export function crmConnectRoutes(deps: OAuthRouteDeps): Router {
  const router = Router();
  const connectLink = (provider: string, workspace: Parameters<typeof authorizeUrl>[1]) =>
    authorizeUrl({ oauth: oauthOf(deps), clock: deps.clock }, workspace, providerParam(provider));

  router.post('/v1/crm/connect/:provider', (req, res) => {
    res.set('cache-control', 'no-store').json(connectLink(pathParam(req, 'provider'), workspaceOf(res)));
  });
  router.get('/v1/crm/connect/:provider', (req, res) => {
    res.set('cache-control', 'no-store').redirect(302, connectLink(pathParam(req, 'provider'), workspaceOf(res)).authorize_url);
  });
  router.delete('/v1/crm/connection', async (_req, res) => {
    res.json(await disconnect({ config: deps.stores.config, secrets: deps.secrets, logger: deps.logger, oauth: deps.oauth }, workspaceOf(res)));
  });
  return router;
}

const callbackQuerySchema = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(4096).optional(),
  error: z.string().max(200).optional(),
});

/** The public callback the CRM sends the user back to; the signed state, not an API key, names the workspace. */
export function crmCallbackRoutes(deps: OAuthRouteDeps): Router {
  const router = Router();
  const usedStates = new UsedStates();
  router.get('/v1/crm/callback/:provider', async (req, res) => {
    const provider = crmProviderSchema.safeParse(pathParam(req, 'provider'));
    const query = callbackQuerySchema.safeParse(req.query);
    if (!provider.success || !query.success || !deps.oauth) {
      sendResultPage(res, provider.success ? 400 : 404, 'Connection failed', 'This is not a CRM connection callback this relay can handle. Start connecting again from the relay.');
      return;
    }
    const outcome = await completeConnect(
      { config: deps.stores.config, secrets: deps.secrets, clock: deps.clock, logger: deps.logger, oauth: deps.oauth, resume: deps.resume },
      usedStates,
      provider.data,
      query.data,
    );
    if (outcome.ok) {
      sendResultPage(res, 200, `${label(outcome.provider)} connected`, `Workspace “${outcome.workspaceId}” now syncs to your ${label(outcome.provider)} account${outcome.reconnected ? ' (reconnected)' : ''}.`);
    } else {
      sendResultPage(res, outcome.status, `${label(provider.data)} was not connected`, outcome.message);
    }
  });
  return router;
}
