import { once } from 'node:events';
import { Router } from 'express';
import { workspaceOf } from '../http/auth';
import { pageAnswer } from '../http/paging';
import { parseRequest } from '../http/validate';
import { syncLogCsv } from '../services/sync-log-csv';
import type { RelayWorker } from '../app';
import type { Stores } from '@synaptiq/shared';
import { syncLogQuerySchema } from './schemas';

/** The CSV export's cap: a year of a busy workspace; narrow the filters for more. */
const maxCsvRows = 100_000;

/** POST /v1/sync (Sync Now), GET /v1/sync-log (JSON, paged) and GET /v1/sync-log.csv (the whole filtered log). */
export function syncRoutes(deps: { stores: Pick<Stores, 'syncLog'>; worker: Pick<RelayWorker, 'syncNow'> }): Router {
  const router = Router();

  router.post('/v1/sync', async (_req, res) => {
    const { pushed, skipped, failed, remaining, results } = await deps.worker.syncNow(workspaceOf(res).id);
    res.json({ pushed, skipped, failed, remaining, results });
  });

  router.get('/v1/sync-log', async (req, res) => {
    const { limit, cursor, ...filter } = parseRequest(syncLogQuerySchema, req.query, 'query');
    const page = await deps.stores.syncLog.list(workspaceOf(res).id, filter, { limit, cursor });
    res.json(pageAnswer(page, ({ workspace_id: _workspace, ...entry }) => entry));
  });

  router.get('/v1/sync-log.csv', async (req, res) => {
    const { limit: _limit, cursor: _cursor, ...filter } = parseRequest(syncLogQuerySchema, req.query, 'query');
    const workspace = workspaceOf(res);
    // The first page is read before any byte is sent, so a bad cursor or store error still answers as JSON.
    const lines = syncLogCsv(deps.stores.syncLog, workspace.id, filter, maxCsvRows);
    const header = await lines.next();
    const first = await lines.next();
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="sync-log-${workspace.id}.csv"`);
    // Waits for the socket to drain when it is full, so a slow download never piles the whole log up in memory.
    const write = async (line: string) => {
      if (!res.write(line)) await once(res, 'drain');
    };
    if (!header.done) await write(header.value);
    if (!first.done) await write(first.value);
    for await (const line of lines) await write(line);
    res.end();
  });

  return router;
}
