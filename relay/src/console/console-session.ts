import type { Request, RequestHandler, Response } from 'express';
import { SyncError } from '@synaptiq/shared';
import type { Clock, ConfigStore, Workspace } from '@synaptiq/shared';
import { readSessionCookie } from './session-cookie';
import type { ConsoleSession, SessionStore } from './session-store';

export interface SessionDeps {
  sessions: SessionStore;
  config: Pick<ConfigStore, 'getWorkspace'>;
  clock: Clock;
  /** The operator password is configured (an operator session ends when it is removed). */
  operatorEnabled: boolean;
}

export interface LiveSession {
  id: string;
  session: ConsoleSession;
  workspace: Workspace;
}

/**
 * The live session of the request's cookie and its workspace (read fresh), or null. A workspace session ends as
 * soon as the API key it signed in with is revoked; an operator session when ADMIN_PASSWORD is unset.
 */
export async function resolveSession(deps: SessionDeps, req: Request): Promise<LiveSession | null> {
  const id = readSessionCookie(req);
  const session = id === undefined ? undefined : deps.sessions.get(id, deps.clock.now());
  if (id === undefined || session === undefined) return null;
  const workspace = await deps.config.getWorkspace(session.workspaceId);
  const stillAllowed =
    workspace !== undefined && (session.kind === 'operator' ? deps.operatorEnabled : workspace.api_keys.some((key) => key.hash === session.apiKeyHash));
  if (!stillAllowed) {
    deps.sessions.delete(id);
    return null;
  }
  return { id, session, workspace };
}

/** Only signed-in requests pass; the admin routes then read the workspace from res.locals, as after an API key. */
export function requireSession(deps: SessionDeps): RequestHandler {
  return async (req, res, next) => {
    const live = await resolveSession(deps, req);
    if (!live) throw new SyncError('auth.missing', 'You are signed out (the session ended or the relay restarted). Sign in again at /admin.');
    res.locals.consoleSession = live.session;
    res.locals.consoleSessionId = live.id;
    res.locals.workspace = live.workspace;
    next();
  };
}

export function sessionOf(res: Response): ConsoleSession {
  const session = res.locals.consoleSession as ConsoleSession | undefined;
  if (!session) throw new Error('requireSession must run before a console route that reads the session');
  return session;
}

export const sessionIdOf = (res: Response): string => String(res.locals.consoleSessionId);
export const consoleWorkspaceOf = (res: Response): Workspace => res.locals.workspace as Workspace;
