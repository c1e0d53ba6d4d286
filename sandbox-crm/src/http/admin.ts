import { Router } from 'express';
import { z } from 'zod';
import { configPatchSchema } from '../config';
import { presentRecord as presentHubspot } from '../hubspot/present';
import { toObjectType } from '../hubspot/types';
import { presentRecord as presentSalesforce } from '../salesforce/present';
import type { SandboxContext } from './context';

/** What the admin endpoints ask of the running sandbox. */
export interface AdminActions {
  /** Merges a partial config; throws a ZodError when the result is invalid. */
  updateConfig(patch: Record<string, unknown>): void;
  reset(): void;
}

/**
 * The sandbox's own JSON endpoints (not part of either vendor API): config, stats, records, reset.
 * Read-only except config, reset and token expiry.
 */
export function adminRouter(ctx: SandboxContext, actions: AdminActions): Router {
  const router = Router();

  router.get('/config', (_req, res) => {
    res.json(ctx.config);
  });

  router.post('/config', (req, res) => {
    const patch = configPatchSchema.safeParse(req.body);
    if (!patch.success) {
      res.status(400).json({ error: 'config patch must be a JSON object' });
      return;
    }
    try {
      actions.updateConfig(patch.data);
    } catch (error) {
      if (error instanceof z.ZodError) {
        res.status(400).json({ error: 'invalid config', issues: error.issues });
        return;
      }
      throw error;
    }
    res.json(ctx.config);
  });

  router.get('/stats', (_req, res) => {
    res.json({ ...ctx.stats.snapshot(), tokenCalls: ctx.tokens.tokenCalls });
  });

  router.post('/stats/reset', (_req, res) => {
    ctx.stats.reset();
    res.status(204).end();
  });

  router.post('/reset', (_req, res) => {
    actions.reset();
    res.status(204).end();
  });

  router.post('/tokens/expire', (_req, res) => {
    ctx.tokens.expireAll(ctx.clock.now());
    res.status(204).end();
  });

  // HubSpot types are lower-case plurals (contacts); Salesforce types are sObject names (Lead).
  router.get('/records/:objectType', (req, res) => {
    const name = String(req.params.objectType);
    const hubspotType = toObjectType(name);
    if (hubspotType && name === name.toLowerCase()) {
      const results = [...ctx.hubspot.recordsOf(hubspotType).values()].map((r) => ({
        ...presentHubspot(hubspotType, r, 'all'),
        associations: ctx.hubspot.associations.get(`${hubspotType}:${r.id}`) ?? [],
      }));
      res.json({ api: 'hubspot', objectType: hubspotType, total: results.length, results });
      return;
    }
    const def = ctx.salesforce.objectDef(name);
    if (!def) {
      res.status(404).json({ error: `unknown object type ${name}` });
      return;
    }
    const results = ctx.salesforce.all(def.name).map((r) => presentSalesforce(r, 'v62.0'));
    res.json({ api: 'salesforce', objectType: def.name, total: results.length, results });
  });

  return router;
}
