import type { RequestHandler } from 'express';
import { SyncError } from '@synaptiq/shared';
import { constantTimeEqual } from '../crypto';
import { sessionOf } from './console-session';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
export const csrfHeader = 'x-csrf-token';

/**
 * Refuses requests another site makes the browser send: the Origin (when sent) and Sec-Fetch-Site must say
 * "this site". Browsers send both on the requests that matter, and SameSite=Strict keeps the cookie off the rest.
 */
export const sameOriginOnly: RequestHandler = (req, _res, next) => {
  if (safeMethods.has(req.method)) return next();
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  let originHost: string | null = null;
  if (origin !== undefined) {
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = '';
    }
  }
  if ((site !== undefined && site !== 'same-origin' && site !== 'none') || (originHost !== null && originHost !== req.headers.host)) {
    throw new SyncError('auth.forbidden', 'This request came from another site. Open the admin console at /admin on this relay and try again there.');
  }
  next();
};

/** State-changing requests must echo the session's CSRF token (the page reads it from GET /admin/session). */
export const requireCsrfToken: RequestHandler = (req, res, next) => {
  if (safeMethods.has(req.method)) return next();
  const sent = req.headers[csrfHeader];
  if (typeof sent !== 'string' || !constantTimeEqual(sent, sessionOf(res).csrfToken)) {
    throw new SyncError('auth.forbidden', 'The page is out of date (its security token does not match the session). Reload the page and try again.');
  }
  next();
};
