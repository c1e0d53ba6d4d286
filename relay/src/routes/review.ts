import { Router } from 'express';
import type { Clock, Stores } from '@synaptiq/shared';
import { workspaceOf } from '../http/auth';
import { parseRequest, pathParam } from '../http/validate';
import { getLead, listLeads } from '../services/lead-queries';
import type { LeadQueryDeps } from '../services/lead-queries';
import { resolveReview } from '../services/resolve-review';
import { pageQuerySchema } from '../http/paging';
import { reviewResolutionSchema } from './schemas';

/** GET /v1/review (leads flagged as possible duplicates), POST /v1/review/:leadId (resolve one). */
export function reviewRoutes(deps: LeadQueryDeps & { clock: Clock; stores: Pick<Stores, 'leads' | 'links' | 'syncLog'> }): Router {
  const router = Router();
  router.get('/v1/review', async (req, res) => {
    const page = parseRequest(pageQuerySchema, req.query, 'query');
    res.json(await listLeads(deps, workspaceOf(res), { review: 'open' }, page));
  });
  router.post('/v1/review/:leadId', async (req, res) => {
    const workspace = workspaceOf(res);
    const { resolution } = parseRequest(reviewResolutionSchema, req.body, 'body');
    const leadId = pathParam(req, 'leadId');
    await resolveReview(deps, workspace.id, leadId, resolution, 'the API');
    res.json(await getLead(deps, workspace, leadId));
  });
  return router;
}
