import { Router } from 'express';
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
  return router;
}
