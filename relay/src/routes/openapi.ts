import { Router } from 'express';
import { buildOpenApi } from '../openapi';

/** GET /openapi.json: the API description, built once. */
export function openApiRoutes(): Router {
  const router = Router();
  const document = buildOpenApi();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  return router;
}
