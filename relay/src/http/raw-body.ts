import express from 'express';
import type { Request, RequestHandler } from 'express';
import { SyncError } from '@synaptiq/shared';

/** One event is a few KB; a megabyte leaves room for long transcripts and stops abuse early. */
export const defaultBodyLimitBytes = 1024 * 1024;

/**
 * Keeps the exact bytes of the body (`req.body` is a Buffer), because the signature covers them:
 * parsing first and re-serialising would change whitespace and key order and break verification.
 */
export const rawBody = (limitBytes: number): RequestHandler => express.raw({ type: () => true, limit: limitBytes });

/** Webhook bodies must be declared as JSON. */
export function assertJsonContentType(req: Request): void {
  if (!req.is('application/json') && !req.is('application/*+json')) {
    throw new SyncError('request.unsupported_media_type', `Send the event with Content-Type: application/json (got ${req.headers['content-type'] ?? 'none'}).`, {
      details: { content_type: req.headers['content-type'] ?? null },
    });
  }
}
