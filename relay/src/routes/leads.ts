import { Router } from 'express';
import { workspaceOf } from '../http/auth';
import { parseRequest, pathParam } from '../http/validate';
import { getLead, listLeads } from '../services/lead-queries';
import type { LeadQueryDeps } from '../services/lead-queries';
import { patchLead, submitLead } from '../services/submit-lead';
import type { SubmitLeadDeps } from '../services/submit-lead';
import { leadInputSchema, leadListQuerySchema, leadPatchSchema } from './schemas';

/** GET/POST /v1/leads, GET/PATCH /v1/leads/:id. */
export function leadRoutes(deps: LeadQueryDeps & SubmitLeadDeps): Router {
  const router = Router();

  router.get('/v1/leads', async (req, res) => {
    const { limit, cursor, ...filter } = parseRequest(leadListQuerySchema, req.query, 'query');
    res.json(await listLeads(deps, workspaceOf(res), filter, { limit, cursor }));
  });

  router.get('/v1/leads/:leadId', async (req, res) => {
    res.json(await getLead(deps, workspaceOf(res), pathParam(req, 'leadId')));
  });

  router.post('/v1/leads', async (req, res) => {
    const workspace = workspaceOf(res);
    const submitted = await submitLead(deps, workspace, parseRequest(leadInputSchema, req.body, 'body'));
    const lead = await getLead(deps, workspace, submitted.leadId);
    res.status(submitted.created ? 201 : 200).json({ lead, event_id: submitted.eventId, dedup: lead.dedup });
  });

  router.patch('/v1/leads/:leadId', async (req, res) => {
    const workspace = workspaceOf(res);
    const patched = await patchLead(deps, workspace, pathParam(req, 'leadId'), parseRequest(leadPatchSchema, req.body, 'body'));
    res.json(await getLead(deps, workspace, patched.leadId));
  });

  return router;
}
