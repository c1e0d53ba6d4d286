import express, { Router } from 'express';
import { SyncError } from '@synaptiq/shared';
import type { Clock, Stores } from '@synaptiq/shared';
import type { SecretBox } from '../crypto';
import { consoleDist, consoleIndexHtml, consoleReady } from './console-assets';
import type { CrmFor } from '../worker/types';
import { requireSession } from './console-session';
import { connectionRoutes } from './connection-routes';
import { requireCsrfToken, sameOriginOnly } from './csrf';
import { reviewRoutes } from './review-routes';
import { consoleSecurityHeaders } from './security-headers';
import { sessionRoutes } from './session-routes';
import { SessionStore } from './session-store';

export { consoleEnvShape } from './console-env';
export { buildConsole, consoleIsStale, ensureConsoleBuilt } from './console-assets';
export { SessionStore } from './session-store';

export interface ConsoleOptions {
  /** ADMIN_PASSWORD: the operator signs in with it and sees every workspace; unset, only API keys sign in. */
  adminPassword?: string | undefined;
  /** Session cookies always Secure (set when PUBLIC_URL is https); otherwise only on TLS requests. */
  secureCookies?: boolean | undefined;
}

export interface ConsoleDeps {
  stores: Pick<Stores, 'config' | 'leads' | 'links' | 'syncLog'>;
  crmFor: CrmFor;
  secrets: SecretBox;
  clock: Clock;
  resume: (workspaceId: string) => Promise<void>;
  /** The relay's admin routes (without their API key check): the console calls them through /admin/api. */
  adminApi: Router;
  options?: ConsoleOptions | undefined;
  sessions?: SessionStore;
}

/**
 * The admin console, mounted at /admin: the built single-page app, sign-in and the session cookie, and
 * /admin/api/*, which reaches the relay's admin API as the signed-in workspace (CSRF-checked) instead of by API key.
 */
export function consoleRoutes(deps: ConsoleDeps): Router {
  const router = Router();
  const sessions = deps.sessions ?? new SessionStore();
  const adminPassword = deps.options?.adminPassword;
  router.use(consoleSecurityHeaders());
  router.use(sessionRoutes({ config: deps.stores.config, clock: deps.clock, sessions, adminPassword, secureCookies: deps.options?.secureCookies ?? false }));

  const api = Router();
  api.use(sameOriginOnly, requireSession({ sessions, config: deps.stores.config, clock: deps.clock, operatorEnabled: adminPassword !== undefined }), requireCsrfToken);
  api.use((_req, res, next) => {
    res.set('cache-control', 'no-store');
    next();
  });
  // The console's own calls (a token, a review decision) are small; the admin routes parse their bodies themselves.
  api.use('/console', express.json({ limit: '64kb' }), connectionRoutes(deps), reviewRoutes(deps));
  api.use(deps.adminApi);
  api.use((req) => {
    throw new SyncError('not_found', `The console has no ${req.method} ${req.path} call; reload the page (it may be older than the relay).`);
  });
  router.use('/api', api);

  // Hashed file names: cached for a year; a rebuild changes the names.
  router.use('/assets', async (_req, _res, next) => {
    await consoleReady();
    next();
  });
  router.use('/assets', express.static(`${consoleDist}assets`, { immutable: true, maxAge: '365d', index: false }));
  router.use('/assets', (req) => {
    throw new SyncError('not_found', `There is no console file ${req.path}; reload the page.`);
  });
  router.get(['/', '/*path'], async (_req, res) => {
    res.set({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).send(await consoleIndexHtml());
  });
  return router;
}
