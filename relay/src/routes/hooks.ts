import { Router } from 'express';
import { z } from 'zod';
import { hookEventSchema } from '@synaptiq/shared';
import type { Clock, Stores } from '@synaptiq/shared';
import type { SecretBox } from '../crypto';
import { workspaceOf } from '../http/auth';
import { pageAnswer, pageQuerySchema } from '../http/paging';
import { parseRequest, pathParam } from '../http/validate';
import { createSubscription, deleteSubscription, findSubscription, listSubscriptions, presentDelivery, replayDelivery, systemLookup } from '../services/hooks';
import type { HostLookup } from '../services/hooks';

export const subscribeBodySchema = z.object({
  target_url: z.string().trim().min(1).max(2048),
  event: hookEventSchema,
});
export const deliveryListQuerySchema = pageQuerySchema.extend({ status: z.enum(['pending', 'succeeded', 'failed', 'dead']).optional() });

/** How the hook routes check targets and wake the delivery worker (createHooks().routes). */
export interface HookRouteOptions {
  /** HOOKS_ALLOW_PRIVATE_TARGETS; false refuses private, loopback and link-local targets. */
  allowPrivateTargets: boolean;
  lookup?: HostLookup;
  /** Wakes the delivery worker after a replay. */
  kick?: () => void;
}

export interface HookRoutesDeps {
  stores: Pick<Stores, 'config' | 'deliveries'>;
  secrets: SecretBox;
  clock: Clock;
  hooks?: HookRouteOptions | undefined;
}

/**
 * Outbound webhook subscriptions: POST/GET /v1/hooks, DELETE /v1/hooks/:id, GET /v1/hooks/:id/deliveries,
 * POST /v1/hooks/deliveries/:id/replay. Everything is scoped to the API key's workspace.
 */
export function hookRoutes(deps: HookRoutesDeps): Router {
  const router = Router();
  const targets = { allowPrivateTargets: deps.hooks?.allowPrivateTargets ?? false, lookup: deps.hooks?.lookup ?? systemLookup };
  const kick = deps.hooks?.kick;

  router.post('/v1/hooks', async (req, res) => {
    const body = parseRequest(subscribeBodySchema, req.body, 'body');
    res.status(201).json(await createSubscription({ ...deps, targets }, workspaceOf(res).id, body));
  });
  router.get('/v1/hooks', async (_req, res) => {
    res.json({ data: await listSubscriptions(deps, workspaceOf(res).id), next_cursor: null });
  });
  router.get('/v1/hooks/:hookId/deliveries', async (req, res) => {
    const workspaceId = workspaceOf(res).id;
    const subscription = await findSubscription(deps, workspaceId, pathParam(req, 'hookId'));
    const { limit, cursor, status } = parseRequest(deliveryListQuerySchema, req.query, 'query');
    const page = await deps.stores.deliveries.list(workspaceId, { subscription_id: subscription.id, ...(status ? { status } : {}) }, { limit, cursor });
    res.json(pageAnswer(page, presentDelivery));
  });
  router.post('/v1/hooks/deliveries/:deliveryId/replay', async (req, res) => {
    res.status(202).json(await replayDelivery({ ...deps, ...(kick ? { kick } : {}) }, workspaceOf(res).id, pathParam(req, 'deliveryId')));
  });
  router.delete('/v1/hooks/:hookId', async (req, res) => {
    await deleteSubscription(deps, workspaceOf(res).id, pathParam(req, 'hookId'));
    res.status(204).end();
  });
  return router;
}
