import { Router } from 'express';
import { z } from 'zod';
import { SUBREQUEST_HEADER, type SandboxContext } from '../../http/context';
import { sfError, sfFail } from '../errors';
import { versionOf } from '../present';

const MAX_SUBREQUESTS = 25;

const compositeSchema = z.object({
  allOrNone: z.boolean().default(false),
  collateSubrequests: z.boolean().optional(),
  compositeRequest: z.array(
    z.object({
      method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
      url: z.string().startsWith('/services/data/'),
      referenceId: z.string().regex(/^[A-Za-z]\w*$/),
      body: z.unknown().optional(),
      httpHeaders: z.record(z.string(), z.string()).optional(),
    }),
  ),
});

interface SubResponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

class UnresolvedReference extends Error {}

/** Follows `ref.records[0].Id`-style paths into an earlier subrequest's body. */
function lookup(results: Map<string, unknown>, expression: string): unknown {
  const [ref = '', ...path] = expression.replace(/\[(\d+)\]/g, '.$1').split('.');
  if (!results.has(ref)) throw new UnresolvedReference(expression);
  let value: unknown = results.get(ref);
  for (const key of path) {
    if (typeof value !== 'object' || value === null) throw new UnresolvedReference(expression);
    value = (value as Record<string, unknown>)[key];
  }
  if (value === undefined) throw new UnresolvedReference(expression);
  return value;
}

function resolveReferences(text: string, results: Map<string, unknown>): string {
  return text.replace(/@\{([^}]+)\}/g, (_m, expression: string) => String(lookup(results, expression)));
}

/**
 * Composite: up to 25 subrequests in one call (one API call against the allocation), with `@{ref.field}`
 * references and allOrNone rollback.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite.htm
 */
export function compositeRequestRoutes(ctx: SandboxContext): Router {
  const router = Router();
  router.post('/services/data/:version/composite', async (req, res) => {
    versionOf(req);
    const parsed = compositeSchema.safeParse(req.body);
    if (!parsed.success) throw sfFail(400, 'JSON_PARSER_ERROR', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { allOrNone, compositeRequest } = parsed.data;
    if (compositeRequest.length > MAX_SUBREQUESTS) {
      throw sfFail(400, 'INVALID_FIELD', `Number of subrequests exceeds the limit of ${MAX_SUBREQUESTS}`);
    }
    const before = structuredClone(ctx.salesforce.records);
    const counter = ctx.salesforce.counter;
    const bodies = new Map<string, unknown>();
    const responses: SubResponse[] = [];
    let failed = false;
    for (const sub of compositeRequest) {
      if (failed && allOrNone) {
        responses.push({ body: [sfError('PROCESSING_HALTED', 'The transaction was rolled back since another operation in the same transaction failed.')], httpHeaders: {}, httpStatusCode: 400, referenceId: sub.referenceId });
        continue;
      }
      let url: string;
      let body: string | undefined;
      try {
        url = resolveReferences(sub.url, bodies);
        body = sub.body === undefined ? undefined : resolveReferences(JSON.stringify(sub.body), bodies);
      } catch (error) {
        if (!(error instanceof UnresolvedReference)) throw error;
        failed = true;
        responses.push({ body: [sfError('PROCESSING_HALTED', `Invalid reference specified. No value for ${error.message} found.`)], httpHeaders: {}, httpStatusCode: 400, referenceId: sub.referenceId });
        continue;
      }
      const answer = await fetch(`${ctx.baseUrl()}${url}`, {
        method: sub.method,
        headers: {
          ...sub.httpHeaders,
          authorization: req.header('authorization') ?? '',
          'content-type': 'application/json',
          [SUBREQUEST_HEADER]: ctx.subrequestKey,
        },
        body,
      });
      const text = await answer.text();
      const parsedBody: unknown = text ? JSON.parse(text) : null;
      if (answer.status >= 400) failed = true;
      else bodies.set(sub.referenceId, parsedBody);
      const httpHeaders: Record<string, string> = {};
      if (answer.status === 201 && parsedBody && typeof parsedBody === 'object' && 'id' in parsedBody) {
        httpHeaders.Location = `${url}/${String(parsedBody.id)}`;
      }
      responses.push({ body: parsedBody, httpHeaders, httpStatusCode: answer.status, referenceId: sub.referenceId });
    }
    if (failed && allOrNone) {
      // Roll back every write of this call, as Salesforce does in one transaction.
      ctx.salesforce.records = before;
      ctx.salesforce.counter = counter;
      for (const r of responses) {
        if (r.httpStatusCode < 400) {
          r.body = [sfError('PROCESSING_HALTED', 'The transaction was rolled back since another operation in the same transaction failed.')];
          r.httpStatusCode = 400;
          r.httpHeaders = {};
        }
      }
    }
    ctx.changed();
    res.json({ compositeResponse: responses });
  });
  return router;
}
