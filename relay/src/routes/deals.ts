import { Router } from 'express';
import { workspaceOf } from '../http/auth';
import { parseRequest } from '../http/validate';
import { createDeal } from '../services/create-deal';
import type { CreateDealDeps } from '../services/create-deal';
import { dealInputSchema } from './schemas';

/** POST /v1/deals: a deal for a lead, written to the CRM now. */
export function dealRoutes(deps: CreateDealDeps): Router {
  const router = Router();
  router.post('/v1/deals', async (req, res) => {
    const deal = await createDeal(deps, workspaceOf(res), parseRequest(dealInputSchema, req.body, 'body'));
    res.status(201).json({ deal });
  });
  return router;
}
