import type { NextFunction, Request, Response } from 'express';
import type { Clock } from '@synaptiq/shared/ports/clock';
import type { SandboxConfig } from '../config';
import type { HubspotStore } from '../hubspot/store';
import type { SalesforceStore } from '../salesforce/store';
import type { TokenRegistry } from './tokens';
import type { Stats } from './stats';
import type { RateLimits } from './rate-limit';

/** Everything a route handler may touch. */
export interface SandboxContext {
  /** The live config: POST /_sandbox/config replaces it. */
  readonly config: SandboxConfig;
  readonly clock: Clock;
  readonly random: () => number;
  readonly hubspot: HubspotStore;
  readonly salesforce: SalesforceStore;
  readonly tokens: TokenRegistry;
  readonly stats: Stats;
  readonly limits: RateLimits;
  /** The server's own origin, e.g. http://127.0.0.1:4010 (for links and instance_url). */
  baseUrl(): string;
  /** Records changed: schedules a save when a data file is configured. */
  changed(): void;
  /** Marks Composite API subrequests the sandbox sends to itself: they are not counted as API calls. */
  readonly subrequestKey: string;
}

export const SUBREQUEST_HEADER = 'x-sandbox-subrequest';

/** Whether this request is a Composite subrequest (counted once, as the composite call). */
export function isSubrequest(ctx: SandboxContext, req: Request): boolean {
  return req.header(SUBREQUEST_HEADER) === ctx.subrequestKey;
}

export type Api = 'hubspot' | 'salesforce';

/** Which emulated API a path belongs to (null: sandbox admin or unknown). */
export function apiOf(path: string): Api | null {
  if (/^\/(crm|oauth|account-info|integrations)\//.test(path)) return 'hubspot';
  if (/^\/(services|id)\//.test(path)) return 'salesforce';
  return null;
}

type Middleware = (req: Request, res: Response, next: NextFunction) => void;

/** Runs the middlewares in order, only for requests to the given API. */
export function forApi(api: Api, ...middlewares: Middleware[]): Middleware {
  return (req, res, next) => {
    if (apiOf(req.path) !== api) return next();
    const run = (i: number): void => {
      const mw = middlewares[i];
      if (!mw) return next();
      mw(req, res, (err?: unknown) => (err ? next(err) : run(i + 1)));
    };
    run(0);
  };
}
