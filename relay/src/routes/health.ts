import { Router } from 'express';

export interface Readiness {
  /** Stores open and the worker running (false while starting and shutting down). */
  isReady(): boolean | Promise<boolean>;
}

/** Liveness (the process answers) and readiness (it can take work), for load balancers and orchestrators. */
export function healthRoutes(readiness: Readiness): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/ready', async (_req, res) => {
    const ready = await readiness.isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready' });
  });
  return router;
}
