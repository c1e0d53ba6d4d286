import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { SyncError, toSyncError } from '@synaptiq/shared';
import type { Logger } from '../worker/types';

/** Every rejection the relay sends: `{error: {code, message, details}}` with the code's status. */
export function sendError(res: Response, error: SyncError): void {
  const { code, message, details, retry_after_ms } = error.toJSON();
  if (retry_after_ms !== undefined) res.setHeader('Retry-After', String(Math.ceil(retry_after_ms / 1000)));
  res.status(error.status).json({ error: { code, message, details } });
}

/** Errors raised by Express's body parsers carry a `type`; they become the product's codes. */
function fromBodyParser(error: unknown): SyncError | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  const { type } = error as { type: unknown; limit?: unknown; length?: unknown };
  if (type === 'entity.too.large') {
    const { limit } = error as { limit?: unknown };
    return new SyncError('request.too_large', `The request body is larger than the ${String(limit)}-byte limit; send smaller events (one event per request).`, {
      details: { limit_bytes: limit },
    });
  }
  if (type === 'entity.parse.failed') {
    return new SyncError('request.malformed_json', 'The request body is not valid JSON.', { details: { reason: 'message' in error ? String(error.message) : 'unparseable' } });
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new SyncError('request.unsupported_media_type', 'Send the body as UTF-8 JSON (Content-Type: application/json).');
  }
  return undefined;
}

/** The last middleware: known errors answer with their code; anything else is logged and answered as an opaque 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = fromBodyParser(error) ?? (error instanceof SyncError ? error : undefined);
    const answer = known ?? toSyncError(error);
    if (known === undefined || answer.status >= 500) {
      // The message may hold secrets or lead data (an SDK's error echoes the request): log the kind and the frames only.
      const frames = error instanceof Error ? error.stack?.split('\n').filter((line) => line.trimStart().startsWith('at ')).join('\n') : undefined;
      logger.error({ method: req.method, route: req.route?.path ?? 'unmatched', err_name: error instanceof Error ? error.name : typeof error, frames }, 'request failed');
    }
    sendError(res, answer);
  };
}

export const notFoundHandler: RequestHandler = (req) => {
  throw new SyncError('not_found', `There is no ${req.method} ${req.path} route; see GET /openapi.json for the API.`);
};
