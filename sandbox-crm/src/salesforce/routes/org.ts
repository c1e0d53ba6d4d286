import { Router } from 'express';
import type { SandboxContext } from '../../http/context';
import { versionOf } from '../present';

const VERSIONS = ['58.0', '59.0', '60.0', '61.0', '62.0', '63.0', '64.0'];

/**
 * Versions, resource list and org limits.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_limits.htm
 */
export function orgRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.get('/services/data', (_req, res) => {
    res.json(VERSIONS.map((v) => ({ label: `Sandbox ${v}`, url: `/services/data/v${v}`, version: v })));
  });

  router.get('/services/data/:version', (req, res) => {
    const version = versionOf(req);
    const root = `/services/data/${version}`;
    res.json({ sobjects: `${root}/sobjects`, query: `${root}/query`, queryAll: `${root}/queryAll`, limits: `${root}/limits`, composite: `${root}/composite`, tooling: `${root}/tooling`, identity: `${ctx.baseUrl()}/id/${ctx.config.salesforce.orgId}/${ctx.salesforce.apiUserId}` });
  });

  router.get('/services/data/:version/limits', (req, res) => {
    versionOf(req);
    const max = ctx.config.salesforce.dailyApiLimit;
    const used = ctx.limits.salesforceDaily.count(ctx.clock.now());
    res.json({
      DailyApiRequests: { Max: max, Remaining: Math.max(0, max - used) },
      DailyBulkV2QueryJobs: { Max: 10_000, Remaining: 10_000 },
      DataStorageMB: { Max: 5, Remaining: 5 },
      SingleEmail: { Max: 15, Remaining: 15 },
    });
  });

  return router;
}
