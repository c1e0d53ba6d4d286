import { Router } from 'express';
import type { Stores } from '@synaptiq/shared';
import { workspaceOf } from '../http/auth';
import { parseRequest, pathParam } from '../http/validate';
import { getLead, listLeads } from '../services/lead-queries';
import type { LeadQueryDeps } from '../services/lead-queries';
import { patchLead, submitLead } from '../services/submit-lead';
import type { SubmitLeadDeps } from '../services/submit-lead';
import { awaitEvent } from '../services/await-event';
import { leadInputSchema, leadListQuerySchema, leadPatchSchema, leadSubmitQuerySchema } from './schemas';

/** ?wait=true waits this long at most for the worker (well under Zapier's 30-second action limit). */
const defaultWaitLimits = { timeoutMs: 10_000, pollMs: 100 };

/** GET/POST /v1/leads, GET/PATCH /v1/leads/:id. */
export function leadRoutes(deps: LeadQueryDeps & SubmitLeadDeps & { stores: Pick<Stores, 'events'>; waitLimits?: { timeoutMs: number; pollMs: number } }): Router {
  const router = Router();
  const waitLimits = deps.waitLimits ?? defaultWaitLimits;

  router.get('/v1/leads', async (req, res) => {
    const { limit, cursor, ...filter } = parseRequest(leadListQuerySchema, req.query, 'query');
    res.json(await listLeads(deps, workspaceOf(res), filter, { limit, cursor }));
  });

  router.get('/v1/leads/:leadId', async (req, res) => {
    res.json(await getLead(deps, workspaceOf(res), pathParam(req, 'leadId')));
  });

  router.post('/v1/leads', async (req, res) => {
    const workspace = workspaceOf(res);
    const { wait } = parseRequest(leadSubmitQuerySchema, req.query, 'query');
    const submitted = await submitLead(deps, workspace, parseRequest(leadInputSchema, req.body, 'body'));
    // Only real-time mode runs the event soon; in batched or manual mode waiting would only delay the answer.
    if (wait && workspace.settings.sync_mode.mode === 'realtime') {
      await awaitEvent(deps.stores.events, workspace.id, submitted.eventId, waitLimits);
    }
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
