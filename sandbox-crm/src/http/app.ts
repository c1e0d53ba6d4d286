import express, { type NextFunction, type Request, type Response } from 'express';
import { HubspotHttpError, errorBody } from '../hubspot/errors';
import { hubspotRouter } from '../hubspot/router';
import { SalesforceHttpError, sfError } from '../salesforce/errors';
import { salesforceRouter } from '../salesforce/router';
import { adminRouter, type AdminActions } from './admin';
import { apiOf, isSubrequest, type SandboxContext } from './context';
import { sleep } from './faults';
import { endpointName } from './stats';

/** Counts each API call under its route pattern once the answer is sent. */
function countCalls(ctx: SandboxContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    const api = apiOf(req.path);
    if (api && !isSubrequest(ctx, req)) {
      res.on('finish', () => {
        const routePath = typeof req.route?.path === 'string' ? req.route.path : undefined;
        ctx.stats.record(api, endpointName(req.method, routePath, req.params as Record<string, string>, req.path), res.statusCode);
      });
    }
    next();
  };
}

function addLatency(ctx: SandboxContext) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const ms = ctx.config.faults.latencyMs;
    if (ms > 0 && apiOf(req.path)) sleep(ms).then(() => next(), next);
    else next();
  };
}

function notFound(req: Request, res: Response): void {
  if (apiOf(req.path) === 'salesforce') {
    res.status(404).json([sfError('NOT_FOUND', 'The requested resource does not exist')]);
    return;
  }
  res.status(404).json(errorBody('OBJECT_NOT_FOUND', `No route for ${req.method} ${req.path}`));
}

/** Answers thrown API errors in the vendor's shape; a malformed JSON body gets the vendor's 400. */
function handleError(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  if (err instanceof HubspotHttpError) {
    res.status(err.status).json(err.body);
    return;
  }
  if (err instanceof SalesforceHttpError) {
    res.status(err.status).json(err.errors);
    return;
  }
  const isParseError = err instanceof SyntaxError || (typeof err === 'object' && err !== null && 'type' in err && err.type === 'entity.parse.failed');
  const api = apiOf(req.path);
  if (isParseError) {
    if (api === 'salesforce') res.status(400).json([sfError('JSON_PARSER_ERROR', 'Unexpected character in the request body')]);
    else res.status(400).json(errorBody('VALIDATION_ERROR', 'Invalid input JSON on line 1: the request body is not valid JSON'));
    return;
  }
  console.error('[sandbox-crm] unexpected error', err);
  if (api === 'salesforce') res.status(500).json([sfError('UNKNOWN_EXCEPTION', 'An unexpected error occurred.')]);
  else res.status(500).json(errorBody('INTERNAL_ERROR', 'internal error'));
}

export function createSandboxApp(ctx: SandboxContext, admin: AdminActions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json({ limit: '20mb' }));
  app.use(express.urlencoded({ extended: false }));
  app.use('/_sandbox', adminRouter(ctx, admin));
  app.use(countCalls(ctx));
  app.use(addLatency(ctx));
  app.use(hubspotRouter(ctx));
  app.use(salesforceRouter(ctx));
  app.use(notFound);
  app.use(handleError);
  return app;
}
