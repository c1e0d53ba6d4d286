import { Router } from 'express';
import { SyncError } from '@synaptiq/shared';
import { pathParam } from '../http/validate';
import { assertJsonContentType, rawBody } from '../http/raw-body';
import { ingestEvent } from '../services/ingest-event';
import type { IngestDeps } from '../services/ingest-event';
import { errorClassOf } from '../metrics';
import type { RelayMetrics } from '../metrics';

/** POST /v1/workspaces/:workspaceId/webhooks/synaptiq: signed Synaptiq events in (see docs/api.md). */
export function webhookRoutes(deps: IngestDeps & { bodyLimitBytes: number; metrics?: Pick<RelayMetrics, 'webhookReceived' | 'webhookAccepted' | 'webhookRejected'> | undefined }): Router {
  const router = Router();
  router.post('/v1/workspaces/:workspaceId/webhooks/synaptiq', rawBody(deps.bodyLimitBytes), async (req, res) => {
    const body: unknown = req.body;
    deps.metrics?.webhookReceived();
    const result = await ingestEvent(deps, {
      workspaceId: pathParam(req, 'workspaceId'),
      rawBody: Buffer.isBuffer(body) ? body : Buffer.alloc(0),
      headers: req.headers,
      assertJson: () => assertJsonContentType(req),
    }).catch((error: unknown) => {
      deps.metrics?.webhookRejected(errorClassOf(error));
      throw error;
    });
    deps.metrics?.webhookAccepted(pathParam(req, 'workspaceId'), result.status);
    res.status(202).json(result);
  });
  // Any other method on the webhook URL is a sender misconfiguration: say so, rather than asking for an API key.
  router.all('/v1/workspaces/:workspaceId/webhooks/synaptiq', (req) => {
    throw new SyncError('not_found', `Webhooks are received with POST, not ${req.method}.`, { details: { method: req.method } });
  });
  return router;
}
