import type { RequestHandler, Response } from 'express';
import { SyncError } from '@synaptiq/shared';
import type { ConfigStore, Workspace } from '@synaptiq/shared';
import { apiKeyMatches, hashApiKey } from '../crypto';

/**
 * Bearer API key authentication for the admin API. The key is looked up by its SHA-256 hash (the
 * configuration never holds a key), then compared again in constant time; the workspace it belongs
 * to is the only one the request can see.
 */
export function requireApiKey(config: ConfigStore): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    if (!header) {
      throw new SyncError('auth.missing', 'Send the workspace API key as "Authorization: Bearer <key>".');
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      throw new SyncError('auth.invalid', 'The Authorization header must be "Bearer <key>".');
    }
    const key = match[1] as string;
    const workspace = await config.findWorkspaceByApiKeyHash(hashApiKey(key));
    if (!workspace || !workspace.api_keys.some((record) => apiKeyMatches(key, record.hash))) {
      throw new SyncError('auth.invalid', 'The API key is not valid: it was revoked or mistyped. Use the key printed when the workspace was created.');
    }
    res.locals.workspace = workspace;
    next();
  };
}

/** The workspace of the authenticated key (set by requireApiKey). */
export function workspaceOf(res: Response): Workspace {
  const workspace = res.locals.workspace as Workspace | undefined;
  if (!workspace) throw new Error('requireApiKey must run before a route that reads the workspace');
  return workspace;
}
