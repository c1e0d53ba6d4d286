import { SyncError } from '@synaptiq/shared';
import type { Clock, ConfigStore, CrmProvider, Workspace } from '@synaptiq/shared';
import type { SecretBox } from '../../crypto';
import type { Logger } from '../../worker/types';
import { readConnection, sealConnection } from '../crm-connection';
import { redirectUriFor } from './oauth-apps';
import type { OAuthApp, OAuthOptions } from './oauth-apps';
import { exchangeCode, label, revokeConnection } from './oauth-tokens';
import { signState, verifyState } from './oauth-state';

export interface ConnectDeps {
  config: ConfigStore;
  secrets: SecretBox;
  clock: Clock;
  logger: Logger;
  oauth: OAuthOptions;
  /** Lets the sync worker run a workspace that was paused (e.g. for revoked access) once it is reconnected. */
  resume: (workspaceId: string) => Promise<void>;
}

function appFor(oauth: OAuthOptions, provider: CrmProvider): OAuthApp {
  const app = oauth.apps[provider];
  if (!app) {
    const prefix = provider.toUpperCase();
    throw new SyncError('crm.not_configured', `${label(provider)} OAuth is not set up on this relay: set ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET (or run with the sandbox CRM).`);
  }
  return app;
}

/** The provider's authorize URL for this workspace, with a signed state that expires in 10 minutes. */
export function authorizeUrl(deps: Pick<ConnectDeps, 'oauth' | 'clock'>, workspace: Workspace, provider: CrmProvider): { authorize_url: string; expires_at: string } {
  const app = appFor(deps.oauth, provider);
  const { state, payload } = signState(deps.oauth.stateKey, workspace.id, provider, deps.clock.now());
  const url = new URL(app.authorizeUrl);
  url.searchParams.set('client_id', app.clientId);
  url.searchParams.set('redirect_uri', redirectUriFor(deps.oauth, provider));
  url.searchParams.set('scope', app.scopes.join(' '));
  url.searchParams.set('state', state);
  if (provider === 'salesforce') url.searchParams.set('response_type', 'code');
  return { authorize_url: url.toString(), expires_at: new Date(payload.e).toISOString() };
}

export type CallbackOutcome =
  | { ok: true; workspaceId: string; provider: CrmProvider; reconnected: boolean }
  | { ok: false; status: number; reason: 'denied' | 'invalid_state' | 'expired_state' | 'used_state' | 'missing_code' | 'exchange_failed' | 'no_workspace'; message: string };

export interface CallbackQuery {
  code?: string | undefined;
  state?: string | undefined;
  error?: string | undefined;
}

/** One use per state: a state is remembered (by nonce) until it would have expired anyway. */
export class UsedStates {
  private readonly used = new Map<string, number>();
  claim(nonce: string, expiresAt: number, now: number): boolean {
    for (const [seen, until] of this.used) if (until <= now) this.used.delete(seen);
    if (this.used.has(nonce)) return false;
    this.used.set(nonce, expiresAt);
    return true;
  }
}

/**
 * The provider sent the user back: check the state, trade the code for tokens, store them encrypted as the
 * workspace's CRM connection (choosing that CRM), and resume the workspace if it was paused.
 */
export async function completeConnect(deps: ConnectDeps, usedStates: UsedStates, provider: CrmProvider, query: CallbackQuery): Promise<CallbackOutcome> {
  const now = deps.clock.now();
  const name = label(provider);
  if (query.error !== undefined) {
    const denied = query.error === 'access_denied';
    return {
      ok: false,
      status: denied ? 403 : 400,
      reason: 'denied',
      message: denied ? `Access was denied in ${name}, so nothing changed. To connect, start again and choose “Allow”/“Connect app”.` : `${name} answered “${query.error}”; nothing changed. Start connecting again.`,
    };
  }
  const check = verifyState(deps.oauth.stateKey, query.state ?? '', provider, now);
  if (!check.ok) {
    return check.reason === 'expired'
      ? { ok: false, status: 400, reason: 'expired_state', message: 'This connect link expired (links last 10 minutes). Start connecting again from the relay.' }
      : { ok: false, status: 400, reason: 'invalid_state', message: `This ${name} callback does not carry a valid connect link from this relay. Start connecting again from the relay.` };
  }
  if (!query.code) return { ok: false, status: 400, reason: 'missing_code', message: `${name} sent no authorization code. Start connecting again.` };
  if (!usedStates.claim(check.payload.n, check.payload.e, now)) {
    return { ok: false, status: 400, reason: 'used_state', message: 'This connect link was already used. Start connecting again from the relay.' };
  }
  const workspace = await deps.config.getWorkspace(check.payload.w);
  if (!workspace) return { ok: false, status: 404, reason: 'no_workspace', message: 'The workspace that asked to connect no longer exists.' };

  let connection;
  try {
    connection = await exchangeCode({ provider, app: appFor(deps.oauth, provider), code: query.code, redirectUri: redirectUriFor(deps.oauth, provider), now, fetch: deps.oauth.fetch ?? fetch });
  } catch (error) {
    const message = error instanceof SyncError ? error.message : `${name} answered something unexpected when finishing the connection. Start connecting again.`;
    deps.logger.warn({ workspace_id: workspace.id, provider, message }, 'OAuth code exchange failed');
    return { ok: false, status: 502, reason: 'exchange_failed', message };
  }

  const latest = (await deps.config.getWorkspace(workspace.id)) ?? workspace;
  await deps.config.saveWorkspace({
    ...latest,
    settings: { ...latest.settings, crm: provider },
    crm_connection: sealConnection(connection, deps.secrets),
    status: { ...latest.status, paused: false, reason: null, since: null },
  });
  if (latest.status.paused) await deps.resume(workspace.id);
  deps.logger.info({ workspace_id: workspace.id, provider, reconnected: latest.crm_connection !== null }, 'CRM connected with OAuth');
  return { ok: true, workspaceId: workspace.id, provider, reconnected: latest.crm_connection !== null };
}

/** Forgets the workspace's CRM connection after revoking it at the provider where possible; the sandbox CRM takes over. */
export async function disconnect(
  deps: Pick<ConnectDeps, 'config' | 'secrets' | 'logger'> & { oauth?: OAuthOptions | undefined },
  workspace: Workspace,
): Promise<{ disconnected: boolean; revoked: boolean }> {
  const connection = safeRead(workspace, deps.secrets);
  if (workspace.crm_connection === null) return { disconnected: false, revoked: false };
  // Without the provider's OAuth app (a private-app token, or OAuth not set up) there is nothing to revoke with.
  const app = connection && deps.oauth?.apps[connection.provider];
  const revoked = connection && app ? await revokeConnection(app, connection, deps.oauth?.fetch ?? fetch) : false;
  const latest = (await deps.config.getWorkspace(workspace.id)) ?? workspace;
  await deps.config.saveWorkspace({ ...latest, crm_connection: null });
  deps.logger.info({ workspace_id: workspace.id, provider: connection?.provider ?? null, revoked }, 'CRM disconnected');
  return { disconnected: true, revoked };
}

/** A connection that no longer opens (changed key) can still be removed; only revoking needs it. */
function safeRead(workspace: Workspace, secrets: SecretBox) {
  try {
    return readConnection(workspace, secrets);
  } catch {
    return null;
  }
}
