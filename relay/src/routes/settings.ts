import { Router } from 'express';
import { SyncError } from '@synaptiq/shared';
import { workspaceOf } from '../http/auth';
import { parseRequest } from '../http/validate';
import { mergeSettings, updateSettings } from '../services/update-settings';
import { settingsQuerySchema } from './schemas';
import type { UpdateSettingsDeps } from '../services/update-settings';

const objectBody = (body: unknown): object => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SyncError('request.invalid', 'Send the settings as a JSON object (Content-Type: application/json).', {
      details: { errors: [{ path: 'body', message: 'expected an object' }] },
    });
  }
  return body;
};

/** GET /v1/settings, PUT (whole settings; omitted fields take their defaults), PATCH (only the given fields). */
export function settingsRoutes(deps: UpdateSettingsDeps): Router {
  const router = Router();
  router.get('/v1/settings', (_req, res) => {
    res.json(workspaceOf(res).settings);
  });
  router.put('/v1/settings', async (req, res) => {
    const options = parseRequest(settingsQuerySchema, req.query, 'query');
    res.json(await updateSettings(deps, workspaceOf(res), objectBody(req.body), { createMissingProperties: options.create_missing_properties }));
  });
  router.patch('/v1/settings', async (req, res) => {
    const options = parseRequest(settingsQuerySchema, req.query, 'query');
    const workspace = workspaceOf(res);
    res.json(await updateSettings(deps, workspace, mergeSettings(workspace.settings, objectBody(req.body)), { createMissingProperties: options.create_missing_properties }));
  });
  return router;
}
