import { Router } from 'express';
import { crmConnectionSchema } from '@synaptiq/shared';
import type { ConfigStore, Workspace } from '@synaptiq/shared';
import type { SecretBox } from '../crypto';
import { parseRequest } from '../http/validate';
import { readConnection, sealConnection } from '../services/crm-connection';
import { consoleWorkspaceOf } from './console-session';
import { privateAppTokenSchema } from './schemas';
import type { ConnectionView } from './schemas';

export interface ConnectionRouteDeps {
  stores: { config: Pick<ConfigStore, 'getWorkspace' | 'saveWorkspace'> };
  secrets: SecretBox;
  resume: (workspaceId: string) => Promise<void>;
}

/** How the workspace reaches its CRM, without any token: the sandbox, a private app token, or OAuth. */
function connectionView(workspace: Workspace, secrets: SecretBox): ConnectionView {
  let connection;
  try {
    connection = readConnection(workspace, secrets);
  } catch {
    // Undecryptable (ENCRYPTION_KEY changed): shown as OAuth so the page offers Reconnect.
    return { provider: workspace.settings.crm, auth: 'oauth' };
  }
  return connection === null ? { provider: workspace.settings.crm, auth: 'sandbox' } : { provider: connection.provider, auth: connection.auth };
}

/**
 * The console's CRM connection routes (the relay's API has OAuth connect but no way to paste a token):
 * GET /connection and PUT /connection/private-app (HubSpot "API Key" auth, crm-sync.md Option A). The token is
 * stored encrypted like OAuth tokens and never answered back.
 */
export function connectionRoutes(deps: ConnectionRouteDeps): Router {
  const router = Router();
  router.get('/connection', (_req, res) => {
    res.set('cache-control', 'no-store').json(connectionView(consoleWorkspaceOf(res), deps.secrets));
  });
  router.put('/connection/private-app', async (req, res) => {
    const { provider, access_token } = parseRequest(privateAppTokenSchema, req.body, 'body');
    const workspace = consoleWorkspaceOf(res);
    const connection = crmConnectionSchema.parse({ provider, auth: 'private_app', access_token });
    const latest = (await deps.stores.config.getWorkspace(workspace.id)) ?? workspace;
    const saved: Workspace = {
      ...latest,
      settings: { ...latest.settings, crm: provider },
      crm_connection: sealConnection(connection, deps.secrets),
      status: { ...latest.status, paused: false, reason: null, since: null },
    };
    await deps.stores.config.saveWorkspace(saved);
    if (latest.status.paused) await deps.resume(workspace.id);
    res.json(connectionView(saved, deps.secrets));
  });
  return router;
}
