import { Router } from 'express';
import { SyncError } from '@synaptiq/shared';
import { constantTimeEqual } from '../crypto';
import type { RelayMetrics } from '../metrics';

export interface MetricsRouteOptions {
  metrics: Pick<RelayMetrics, 'registry' | 'scrape'>;
  /** METRICS_TOKEN: when set, scrapes must send it as a bearer token. */
  token?: string | undefined;
}

/** GET /metrics: the Prometheus text exposition (https://prometheus.io/docs/instrumenting/exposition_formats/). */
export function metricsRoutes(options: MetricsRouteOptions): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (options.token !== undefined) {
      const presented = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
      if (presented === undefined) throw new SyncError('auth.missing', 'Send METRICS_TOKEN as "Authorization: Bearer <token>" (Prometheus: authorization.credentials).');
      if (!constantTimeEqual(presented, options.token)) throw new SyncError('auth.invalid', 'The metrics token is not METRICS_TOKEN.');
    }
    res.type(options.metrics.registry.contentType).send(await options.metrics.scrape());
  });
  return router;
}
