import { Router } from 'express';
import { forApi, type SandboxContext } from '../http/context';
import { salesforceAuth, salesforceFaults, salesforceLimits } from './guard';
import { compositeRoutes } from './routes/composite';
import { compositeRequestRoutes } from './routes/composite-requests';
import { salesforceOauthRoutes } from './routes/oauth';
import { orgRoutes } from './routes/org';
import { queryRoutes } from './routes/query';
import { sobjectRoutes } from './routes/sobjects';
import { toolingRoutes } from './routes/tooling';

/** Every Salesforce path the sandbox serves, behind auth, the daily allocation and injected faults. */
export function salesforceRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.use(forApi('salesforce', salesforceAuth(ctx), salesforceLimits(ctx), salesforceFaults(ctx)));
  router.use(salesforceOauthRoutes(ctx));
  router.use(orgRoutes(ctx));
  router.use(queryRoutes(ctx));
  router.use(compositeRoutes(ctx));
  router.use(compositeRequestRoutes(ctx));
  router.use(toolingRoutes(ctx));
  router.use(sobjectRoutes(ctx));
  return router;
}
