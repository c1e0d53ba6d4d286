import { Router } from 'express';
import type { Clock, Stores } from '@synaptiq/shared';
import { parseRequest, pathParam } from '../http/validate';
import { getLead } from '../services/lead-queries';
import { resolveReview } from '../services/resolve-review';
import { reviewResolutionSchema } from '../routes/schemas';
import type { CrmFor } from '../worker/types';
import { consoleWorkspaceOf } from './console-session';

export interface ReviewRouteDeps {
  stores: Pick<Stores, 'leads' | 'links' | 'syncLog'>;
  crmFor: CrmFor;
  clock: Clock;
}

/** The console's review decision: the same resolveReview as POST /v1/review/:leadId, which also logs it. */
export function reviewRoutes(deps: ReviewRouteDeps): Router {
  const router = Router();
  router.post('/review/:leadId', async (req, res) => {
    const workspace = consoleWorkspaceOf(res);
    const { resolution } = parseRequest(reviewResolutionSchema, req.body, 'body');
    const leadId = pathParam(req, 'leadId');
    await resolveReview(deps, workspace.id, leadId, resolution, 'the admin console');
    const lead = await getLead(deps, workspace, leadId);
    res.json(lead);
  });
  return router;
}
