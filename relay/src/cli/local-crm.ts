import { resolve } from 'node:path';
import type { Workspace } from '@synaptiq/shared';
import { startSandbox } from '@synaptiq/sandbox-crm';
import type { RunningSandbox } from '@synaptiq/sandbox-crm';
import { createCrmFactory } from '../crm';
import { realAdapterBuilders } from '../services/crm-adapters';
import { oauthAppsFromEnv, refreshApps } from '../services/oauth';
import type { CrmFor } from '../worker/types';
import type { CliContext } from './cli-context';

/** The token the sandbox CRM is called with (it accepts any; the relay uses the same). */
const sandboxToken = 'synaptiq-sandbox-token';

export interface LocalCrm {
  crmFor: CrmFor;
  close(): Promise<void>;
}

/**
 * The CRM a Sync Now run from the CLI writes to, built like the relay builds it: the workspace's connected
 * CRM, or (no connection, SANDBOX=on) the sandbox CRM, started for the run on the relay's sandbox data file.
 */
export async function localCrm(context: CliContext, workspace: Workspace): Promise<LocalCrm> {
  if (context.overrides.crmFor) return { crmFor: context.overrides.crmFor, close: async () => undefined };
  const { env, clock, logger, secrets } = context;
  const sandbox: RunningSandbox | null =
    workspace.crm_connection === null && env.SANDBOX === 'on' ? await startSandbox({ host: '127.0.0.1', dataFile: resolve(context.dataDir, 'sandbox-crm.json'), clock }) : null;
  const sandboxUrl = sandbox?.url ?? null;
  // The same OAuth apps as the relay's (or the sandbox's, without client ids), so OAuth connections can refresh.
  const oauth = { redirectBaseUrl: env.OAUTH_REDIRECT_BASE_URL ?? env.PUBLIC_URL?.replace(/\/+$/, '') ?? `http://localhost:${env.PORT}`, apps: oauthAppsFromEnv(env, sandboxUrl) };
  const { crmFor } = createCrmFactory({
    config: context.stores.config,
    secrets: { seal: (plain) => secrets.encrypt(plain), open: (sealed) => secrets.decrypt(sealed) },
    build: realAdapterBuilders({ clock, logger, sandboxUrl, oauth: refreshApps(oauth) }),
    sandbox: sandbox && { url: sandbox.url, token: sandboxToken },
    logger,
  });
  return { crmFor, close: async () => sandbox?.close() };
}
