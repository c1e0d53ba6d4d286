import type { NextFunction, Request, Response } from 'express';
import { hubspotLimits } from '../config';
import type { SandboxContext } from '../http/context';
import { pickFault, type FaultStatus } from '../http/faults';
import { correlationId } from '../util/ids';
import { errorBody } from './errors';

function bearer(req: Request): string | undefined {
  const header = req.header('authorization');
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1]?.trim();
}

/** HubSpot's 429 body: https://developers.hubspot.com/docs/api/usage-details#rate-limits */
export function rateLimitBody(policyName: 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY') {
  const which = { TEN_SECONDLY_ROLLING: 'ten_secondly_rolling', DAILY: 'daily', SECONDLY: 'secondly' }[policyName];
  return {
    status: 'error',
    message: `You have reached your ${which} limit.`,
    errorType: 'RATE_LIMIT',
    correlationId: correlationId(),
    policyName,
    requestId: correlationId(),
  };
}

export function faultBody(status: FaultStatus) {
  if (status === 429) return rateLimitBody('TEN_SECONDLY_ROLLING');
  if (status === 423) {
    return errorBody('LOCKED', 'The resource is locked because of too many concurrent writes. Please retry after 2 seconds.');
  }
  return errorBody('INTERNAL_ERROR', status === 500 ? 'internal error' : 'Service Unavailable');
}

/** Bearer-token check for every HubSpot API path except OAuth. */
export function hubspotAuth(ctx: SandboxContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/oauth/')) return next();
    const token = bearer(req);
    const check = ctx.tokens.check('hubspot', token, ctx.clock.now());
    if (check === 'ok') return next();
    const body =
      check === 'missing'
        ? errorBody('INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview')
        : check === 'expired'
          ? errorBody('EXPIRED_AUTHENTICATION', 'The OAuth token used to make this call expired.')
          : errorBody('INVALID_AUTHENTICATION', 'The access token used to make this call is invalid or has been revoked.');
    res.status(401).json(body);
  };
}

/**
 * Per-account limits: TEN_SECONDLY_ROLLING and DAILY with X-HubSpot-RateLimit-* headers on every answer,
 * and search's own 5-per-second bucket (no headers). Rejected calls are not counted.
 */
export function hubspotRateLimit(ctx: SandboxContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/oauth/')) return next();
    const now = ctx.clock.now();
    const { rateLimit } = ctx.config.hubspot;
    const limits = ctx.limits;
    if (/\/search$/.test(req.path) && req.method === 'POST') {
      if (rateLimit.enabled && limits.hubspotSearch.count(now) >= rateLimit.searchPerSecond) {
        ctx.stats.rateLimited('hubspotSearch');
        res.status(429).json(rateLimitBody('SECONDLY'));
        return;
      }
      limits.hubspotSearch.add(now);
      limits.hubspotDaily.add(now);
      return next();
    }
    const { perTenSeconds, daily } = hubspotLimits(ctx.config);
    const usedDaily = limits.hubspotDaily.count(now);
    const usedWindow = limits.hubspotTenSecondly.count(now);
    const setHeaders = (window: number, day: number) => {
      res.setHeader('X-HubSpot-RateLimit-Daily', String(daily));
      res.setHeader('X-HubSpot-RateLimit-Daily-Remaining', String(Math.max(0, daily - day)));
      res.setHeader('X-HubSpot-RateLimit-Interval-Milliseconds', '10000');
      res.setHeader('X-HubSpot-RateLimit-Max', String(perTenSeconds));
      res.setHeader('X-HubSpot-RateLimit-Remaining', String(Math.max(0, perTenSeconds - window)));
      res.setHeader('X-HubSpot-RateLimit-Secondly', String(Math.floor(perTenSeconds / 10)));
      res.setHeader('X-HubSpot-RateLimit-Secondly-Remaining', String(Math.max(0, Math.floor((perTenSeconds - window) / 10))));
    };
    if (rateLimit.enabled && usedDaily >= daily) {
      setHeaders(usedWindow, usedDaily);
      ctx.stats.rateLimited('hubspotDaily');
      res.status(429).json(rateLimitBody('DAILY'));
      return;
    }
    if (rateLimit.enabled && usedWindow >= perTenSeconds) {
      setHeaders(usedWindow, usedDaily);
      ctx.stats.rateLimited('hubspotTenSecondly');
      res.status(429).json(rateLimitBody('TEN_SECONDLY_ROLLING'));
      return;
    }
    limits.hubspotTenSecondly.add(now);
    limits.hubspotDaily.add(now);
    setHeaders(usedWindow + 1, usedDaily + 1);
    next();
  };
}

export function hubspotFaults(ctx: SandboxContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/oauth/')) return next();
    const fault = pickFault(ctx, 'hubspot', req);
    if (fault === null) return next();
    ctx.stats.fault();
    res.status(fault).json(faultBody(fault));
  };
}
