import { Router } from 'express';
import { workspaceOf } from '../http/auth';
import { describeWorkspace } from '../services/describe-workspace';
import type { SecretBox } from '../crypto';

/** GET /v1/me: the key's workspace, its CRM and sync status (Zapier's auth test and connection label). */
export function meRoutes(deps: { secrets: SecretBox }): Router {
  const router = Router();
  router.get('/v1/me', (_req, res) => {
    res.json(describeWorkspace(workspaceOf(res), deps.secrets));
  });
  return router;
}
