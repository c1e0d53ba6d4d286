import { Router, type Request } from 'express';
import type { SandboxContext } from '../../http/context';
import { sfFail } from '../errors';
import { versionOf } from '../present';
import { runQuery } from '../soql-eval';

interface Cursor {
  records: Record<string, unknown>[];
  totalSize: number;
}

/** `Sforce-Query-Options: batchSize=N` (200–2000) or the configured page size. */
function batchSize(ctx: SandboxContext, req: Request): number {
  const match = /batchSize\s*=\s*(\d+)/i.exec(req.header('sforce-query-options') ?? '');
  const requested = match?.[1] ? Number(match[1]) : undefined;
  return requested ? Math.min(2000, Math.max(200, requested)) : ctx.config.salesforce.queryBatchSize;
}

/**
 * SOQL query with nextRecordsUrl paging (queryMore).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
 */
export function queryRoutes(ctx: SandboxContext): Router {
  const router = Router();
  const cursors = new Map<string, Cursor>();
  let cursorCounter = 1;

  const page = (version: string, endpoint: string, cursorId: string, offset: number, size: number) => {
    const cursor = cursors.get(cursorId);
    if (!cursor) throw sfFail(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    const records = cursor.records.slice(offset, offset + size);
    const nextOffset = offset + records.length;
    const done = nextOffset >= cursor.records.length;
    if (done) cursors.delete(cursorId);
    return {
      totalSize: cursor.totalSize,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/${version}/${endpoint}/${cursorId}-${nextOffset}` }),
      records,
    };
  };

  for (const endpoint of ['query', 'queryAll']) {
    router.get(`/services/data/:version/${endpoint}`, (req, res) => {
      const version = versionOf(req);
      const q = typeof req.query.q === 'string' ? req.query.q : '';
      if (!q) throw sfFail(400, 'MALFORMED_QUERY', 'A query string has to be specified');
      const result = runQuery(ctx.salesforce, q, ctx.clock.now(), version);
      const cursorId = `01gSANDBOX${String(cursorCounter++).padStart(8, '0')}`;
      cursors.set(cursorId, result);
      res.json(page(version, endpoint, cursorId, 0, batchSize(ctx, req)));
    });

    router.get(`/services/data/:version/${endpoint}/:locator`, (req, res) => {
      const version = versionOf(req);
      const match = /^(.+)-(\d+)$/.exec(String(req.params.locator));
      if (!match?.[1] || !match[2]) throw sfFail(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      res.json(page(version, endpoint, match[1], Number(match[2]), batchSize(ctx, req)));
    });
  }
  return router;
}
