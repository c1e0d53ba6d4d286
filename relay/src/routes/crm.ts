import { Router } from 'express';
import type { Response } from 'express';
import { workspaceOf } from '../http/auth';
import { parseRequest, pathParam } from '../http/validate';
import { createMissingProperties, listCrmProperties, listOwners, listPipelines, listStages, verifyCrm } from '../services/crm-catalog';
import type { CrmFor } from '../worker/types';
import { connectionLost } from '../services/describe-workspace';
import { propertiesQuerySchema } from './schemas';

/** /v1/crm/*: Verify Connection, property/pipeline/stage/owner lists, and creating the missing custom properties. */
export function crmRoutes(deps: { crmFor: CrmFor; resume(workspaceId: string): Promise<void> }): Router {
  const router = Router();
  const crmOf = (res: Response) => deps.crmFor(workspaceOf(res));

  router.post('/v1/crm/verify', async (_req, res) => {
    const workspace = workspaceOf(res);
    const verified = await verifyCrm(await crmOf(res));
    // The user checked the connection and it works: a sync paused for lost access can try again now.
    if (workspace.status.paused && workspace.status.reason && connectionLost.has(workspace.status.reason.code)) await deps.resume(workspace.id);
    res.json(verified);
  });
  router.get('/v1/crm/properties', async (req, res) => {
    const { object } = parseRequest(propertiesQuerySchema, req.query, 'query');
    res.json(await listCrmProperties(await crmOf(res), object));
  });
  router.post('/v1/crm/properties', async (_req, res) => {
    res.json(await createMissingProperties(await crmOf(res), workspaceOf(res)));
  });
  router.get('/v1/crm/pipelines', async (_req, res) => {
    res.json(await listPipelines(await crmOf(res)));
  });
  router.get('/v1/crm/pipelines/:pipelineId/stages', async (req, res) => {
    res.json(await listStages(await crmOf(res), pathParam(req, 'pipelineId')));
  });
  router.get('/v1/crm/owners', async (_req, res) => {
    res.json(await listOwners(await crmOf(res)));
  });
  return router;
}
