import type { NextFunction, Request, Response } from 'express';
import { isSubrequest, type SandboxContext } from '../http/context';
import { pickFault, type FaultStatus } from '../http/faults';
import { sfError } from './errors';

const isOauth = (path: string) => path.startsWith('/services/oauth2/') && path !== '/services/oauth2/userinfo';

function bearer(req: Request): string | undefined {
  const match = /^(Bearer|OAuth)\s+(.+)$/i.exec(req.header('authorization') ?? '');
  return match?.[2]?.trim();
}

export function faultErrors(status: FaultStatus) {
  if (status === 429 || status === 423) return [sfError('REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.')];
  if (status === 500) return [sfError('UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)')];
  return [sfError('SERVER_UNAVAILABLE', 'Server temporarily unavailable. Please try again later.')];
}

/** Bearer (or legacy OAuth) token check: 401 INVALID_SESSION_ID, which makes jsforce refresh. */
export function salesforceAuth(ctx: SandboxContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (isOauth(req.path)) return next();
    const check = ctx.tokens.check('salesforce', bearer(req), ctx.clock.now());
    if (check === 'ok') return next();
    res.status(401).json([sfError('INVALID_SESSION_ID', 'Session expired or invalid')]);
  };
}

/**
 * The org's daily API allocation: every REST call counts; past it, 403 REQUEST_LIMIT_EXCEEDED.
 * Usage goes out in `Sforce-Limit-Info` on every data response.
 */
export function salesforceLimits(ctx: SandboxContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/services/data') || isSubrequest(ctx, req)) return next();
    const now = ctx.clock.now();
    const max = ctx.config.salesforce.dailyApiLimit;
    const used = ctx.limits.salesforceDaily.count(now);
    if (used >= max) {
      res.setHeader('Sforce-Limit-Info', `api-usage=${used}/${max}`);
      ctx.stats.rateLimited('salesforceDaily');
      res.status(403).json([sfError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.')]);
      return;
    }
    ctx.limits.salesforceDaily.add(now);
    res.setHeader('Sforce-Limit-Info', `api-usage=${used + 1}/${max}`);
    next();
  };
}

export function salesforceFaults(ctx: SandboxContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (isOauth(req.path) || isSubrequest(ctx, req)) return next();
    const fault = pickFault(ctx, 'salesforce', req);
    if (fault === null) return next();
    ctx.stats.fault();
    res.status(fault).json(faultErrors(fault));
  };
}
