import { randomUUID } from 'node:crypto';
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

const decisions = { keep_separate: 'kept separate', merge: 'marked as merged' } as const;

/**
 * The console's review decision: the same resolveReview as POST /v1/review/:leadId, plus a sync log entry, so
 * the Sync Log shows who-decided-what next to the flagged record (crm-sync.md: the review is part of the history).
 */
export function reviewRoutes(deps: ReviewRouteDeps): Router {
  const router = Router();
  router.post('/review/:leadId', async (req, res) => {
    const workspace = consoleWorkspaceOf(res);
    const { resolution } = parseRequest(reviewResolutionSchema, req.body, 'body');
    const leadId = pathParam(req, 'leadId');
    await resolveReview(deps, workspace.id, leadId, resolution);
    const lead = await getLead(deps, workspace, leadId);
    await deps.stores.syncLog.append([
      {
        id: `log_${randomUUID()}`,
        workspace_id: workspace.id,
        at: new Date(deps.clock.now()).toISOString(),
        event_id: null,
        lead_id: leadId,
        record_type: 'contact',
        action: 'review',
        status: 'success',
        crm_id: lead.crm.contact?.id ?? null,
        crm_url: lead.crm.contact?.url ?? null,
        error: null,
        message: `Possible duplicate ${decisions[resolution]} in the admin console${lead.dedup?.matched_record_id ? ` (suspected original: ${lead.dedup.matched_record_id})` : ''}.`,
        retry_count: 0,
      },
    ]);
    res.json(lead);
  });
  return router;
}
