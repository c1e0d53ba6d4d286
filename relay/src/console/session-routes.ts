import express, { Router } from 'express';
import type { Request } from 'express';
import { SyncError } from '@synaptiq/shared';
import type { Clock, ConfigStore, Workspace } from '@synaptiq/shared';
import { apiKeyMatches, constantTimeEqual, hashApiKey } from '../crypto';
import { parseRequest } from '../http/validate';
import { requireSession, resolveSession, sessionIdOf, sessionOf } from './console-session';
import { requireCsrfToken, sameOriginOnly } from './csrf';
import { signInSchema, switchWorkspaceSchema } from './schemas';
import type { SessionView } from './schemas';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './session-cookie';
import { SignInThrottle } from './sign-in-throttle';
import type { ConsoleSession, SessionStore } from './session-store';

export interface SessionRouteDeps {
  config: ConfigStore;
  clock: Clock;
  sessions: SessionStore;
  /** ADMIN_PASSWORD; undefined turns operator sign-in off. */
  adminPassword: string | undefined;
  /** Mark the cookie Secure even on plain-http requests (PUBLIC_URL is https: TLS ends at a proxy). */
  secureCookies: boolean;
}

const byId = (a: Workspace, b: Workspace) => (a.id === 'default' ? -1 : b.id === 'default' ? 1 : a.id.localeCompare(b.id));

const jsonOnly = (req: Request) => {
  if (!req.is('application/json')) throw new SyncError('request.unsupported_media_type', 'Send the sign-in as JSON (Content-Type: application/json): use the form at /admin.');
};

/**
 * /admin/session: sign in (POST, with a workspace API key or the operator password), what the page needs to
 * know about the session (GET: workspace, switcher list, CSRF token), sign out (DELETE), and the operator's
 * workspace switch (PUT /admin/session/workspace). The key is checked and forgotten: the browser keeps only the cookie.
 */
export function sessionRoutes(deps: SessionRouteDeps): Router {
  const router = Router();
  const throttle = new SignInThrottle();
  const operatorEnabled = deps.adminPassword !== undefined;
  const sessionDeps = { ...deps, operatorEnabled };
  const signedIn = requireSession(sessionDeps);
  const now = () => deps.clock.now();

  async function view(session: ConsoleSession, workspace: Workspace): Promise<SessionView & { signed_in: true }> {
    const all = session.kind === 'operator' ? (await deps.config.listWorkspaces()).sort(byId) : [workspace];
    return {
      signed_in: true,
      kind: session.kind,
      workspace: { id: workspace.id, name: workspace.name },
      workspaces: all.map(({ id, name }) => ({ id, name })),
      csrf_token: session.csrfToken,
      operator_sign_in: operatorEnabled,
    };
  }

  async function authenticate(body: ReturnType<typeof signInSchema.parse>): Promise<{ workspace: Workspace; kind: ConsoleSession['kind']; apiKeyHash: string | null } | null> {
    if ('api_key' in body) {
      const workspace = await deps.config.findWorkspaceByApiKeyHash(hashApiKey(body.api_key));
      if (!workspace || !workspace.api_keys.some((record) => apiKeyMatches(body.api_key, record.hash))) return null;
      return { workspace, kind: 'workspace', apiKeyHash: hashApiKey(body.api_key) };
    }
    if (deps.adminPassword === undefined) {
      throw new SyncError('auth.invalid', 'Operator sign-in is off on this relay: set ADMIN_PASSWORD and restart it, or sign in with a workspace API key.');
    }
    if (!constantTimeEqual(body.password, deps.adminPassword)) return null;
    const [first] = (await deps.config.listWorkspaces()).sort(byId);
    if (!first) throw new SyncError('conflict', 'There is no workspace yet. Create one with "npm run relay -- workspace create", then sign in.');
    return { workspace: first, kind: 'operator', apiKeyHash: null };
  }

  router.post('/session', sameOriginOnly, express.json({ limit: '16kb' }), async (req, res) => {
    jsonOnly(req);
    const address = req.socket.remoteAddress ?? 'unknown';
    throttle.check(address, now());
    const body = parseRequest(signInSchema, req.body, 'body');
    const found = await authenticate(body);
    if (!found) {
      throttle.fail(address, now());
      throw new SyncError(
        'auth.invalid',
        'api_key' in body
          ? 'That API key is not valid: it was revoked or mistyped. Paste the key printed when the workspace was created (or create a new one with "npm run relay -- key create").'
          : 'That operator password is not right. Type the ADMIN_PASSWORD the relay was started with.',
      );
    }
    throttle.succeed(address);
    const previous = readSessionCookie(req);
    if (previous !== undefined) deps.sessions.delete(previous);
    const { id, session } = deps.sessions.create({ kind: found.kind, workspaceId: found.workspace.id, apiKeyHash: found.apiKeyHash }, now());
    writeSessionCookie(req, res, id, deps.secureCookies);
    res.set('cache-control', 'no-store').json(await view(session, found.workspace));
  });

  router.get('/session', async (req, res) => {
    res.set('cache-control', 'no-store');
    const live = await resolveSession(sessionDeps, req);
    res.json(live ? await view(live.session, live.workspace) : { signed_in: false, operator_sign_in: operatorEnabled });
  });

  router.delete('/session', sameOriginOnly, signedIn, requireCsrfToken, (req, res) => {
    deps.sessions.delete(sessionIdOf(res));
    clearSessionCookie(req, res, deps.secureCookies);
    res.status(204).end();
  });

  router.put('/session/workspace', sameOriginOnly, signedIn, requireCsrfToken, express.json({ limit: '16kb' }), async (req, res) => {
    const session = sessionOf(res);
    if (session.kind !== 'operator') throw new SyncError('auth.forbidden', 'Only the operator can switch workspaces. Sign in with the operator password to see every workspace.');
    const { workspace_id } = parseRequest(switchWorkspaceSchema, req.body, 'body');
    const workspace = await deps.config.getWorkspace(workspace_id);
    if (!workspace) throw new SyncError('not_found', `There is no workspace "${workspace_id}". Pick one from the list.`);
    session.workspaceId = workspace.id;
    res.json(await view(session, workspace));
  });

  return router;
}
