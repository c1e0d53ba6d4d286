import type { RequestHandler } from 'express';
import type { Logger } from '../worker/types';

/**
 * One log line per request: method, route pattern, status, duration and workspace id. Never headers,
 * bodies or query strings (they hold API keys, signatures and lead PII such as ?email=).
 */
export function requestLog(logger: Logger, now: () => number = () => performance.now()): RequestHandler {
  return (req, res, next) => {
    const started = now();
    res.on('finish', () => {
      const workspace = (res.locals.workspace as { id?: string } | undefined)?.id ?? req.params.workspaceId ?? null;
      const line = {
        method: req.method,
        route: req.route ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched',
        status: res.statusCode,
        duration_ms: Math.round((now() - started) * 10) / 10,
        workspace_id: workspace,
      };
      if (res.statusCode >= 500) logger.error(line, 'request');
      else logger.info(line, 'request');
    });
    next();
  };
}
