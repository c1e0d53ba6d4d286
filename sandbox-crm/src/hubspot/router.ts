import { Router } from 'express';
import { forApi, type SandboxContext } from '../http/context';
import { hubspotAuth, hubspotFaults, hubspotRateLimit } from './guard';
import { associationRoutes } from './routes/associations';
import { metaRoutes } from './routes/meta';
import { hubspotOauthRoutes } from './routes/oauth';
import { objectRoutes } from './routes/objects';
import { searchRoutes } from './routes/search';

/** Every HubSpot path the sandbox serves, behind auth, rate limits and injected faults. */
export function hubspotRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.use(forApi('hubspot', hubspotAuth(ctx), hubspotRateLimit(ctx), hubspotFaults(ctx)));
  router.use(hubspotOauthRoutes(ctx));
  router.use(searchRoutes(ctx));
  router.use(objectRoutes(ctx));
  router.use(associationRoutes(ctx));
  router.use(metaRoutes(ctx));
  return router;
}
