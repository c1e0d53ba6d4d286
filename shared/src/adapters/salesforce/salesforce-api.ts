import type { Connection, HttpMethods } from 'jsforce';
import type { z } from 'zod';
import { SyncError } from '../../errors';
import type { Clock } from '../../ports/clock';
import { guardedCall } from '../shared/guarded-call';
import type { RollingWindowLimiter } from '../shared/rate-limiter';
import type { RetryDeps } from '../shared/retry';
import { chunk } from './batching';
import { type ErrorContext, fromSalesforceErrors, toSalesforceSyncError } from './salesforce-errors';
import type { CrmLogger } from '../shared/crm-logger';
import { compositeResponseSchema, queryResultSchema, salesforceErrorSchema } from './salesforce-schemas';
import type { SalesforceSession } from './salesforce-session';
import type { Soql } from './soql';

export interface SalesforceApiDeps {
  conn: Connection;
  /** Absent for a plain access token (no refresh possible). */
  session?: SalesforceSession | undefined;
  /** The org's shared pacing: every request waits for each of these. */
  limiters: readonly RollingWindowLimiter[];
  clock: Clock;
  retry: RetryDeps;
  logger: CrmLogger;
}

export interface ApiUsage {
  used: number;
  limit: number;
}

export interface Request {
  method: HttpMethods;
  /** Relative to the versioned REST root (`/sobjects/…`), or from `/services/…`. */
  path: string;
  body?: unknown;
}

/**
 * jsforce's own retry (GET/PUT/DELETE only, fixed waits) is turned off per request: our retry
 * classifies the failure first, honours the shared pacing, and also retries PATCH upserts, which
 * is safe because every write is keyed (Email or Synaptiq_Key__c) and cannot create twice.
 */
const noJsforceRetry = { retry: { maxRetries: 0 } };

/** Composite allows 25 subrequests, of which at most 5 may be sObject Collections or queries. */
const collectionsPerComposite = 5;

/** Every REST call of the adapter: pacing, refresh, retry, error classification, response parsing. */
export class SalesforceApi {
  constructor(private readonly deps: SalesforceApiDeps) {}

  get instanceUrl(): string {
    return this.deps.conn.instanceUrl;
  }

  /** API usage from the last `Sforce-Limit-Info: api-usage=used/limit` header (jsforce parses it). */
  apiUsage(): ApiUsage | undefined {
    return this.deps.conn.limitInfo?.apiUsage;
  }

  call<S extends z.ZodType>(request: Request, schema: S, context: ErrorContext = {}): Promise<z.infer<S>> {
    return this.guarded(request, context, (body) => parseAnswer(schema, body, request));
  }

  /** Sends under pacing and retry; `read` runs inside the retry, so a failure it finds is retried too. */
  private guarded<T>(request: Request, context: ErrorContext, read: (body: unknown) => T): Promise<T> {
    const { limiters, clock, retry } = this.deps;
    const classify = (error: unknown): SyncError => this.classify(error, context);
    return guardedCall(limiters, { clock, retry, classify }, async () => read(await this.send(request)));
  }

  /**
   * Several collection or query requests in as few API calls as possible: one alone goes as is,
   * more go through Composite, five per call, run in order (a later one sees an earlier one's
   * writes), and the whole Composite counts as one call against the daily allocation. A failed
   * subrequest fails the whole call, as it would have alone.
   * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite_post.htm
   */
  async callEach<S extends z.ZodType>(requests: readonly Request[], schema: S, context: ErrorContext = {}): Promise<Array<z.infer<S>>> {
    const [only] = requests;
    if (requests.length <= 1) return only ? [await this.call(only, schema, context)] : [];
    const answers: Array<z.infer<S>> = [];
    for (const group of chunk(requests, { maxItems: collectionsPerComposite })) {
      const root = `/services/data/v${this.deps.conn.version}`;
      const body = {
        allOrNone: false,
        compositeRequest: group.map((request, index) => ({
          method: request.method,
          url: root + request.path,
          referenceId: `r${index}`,
          ...(request.body === undefined ? {} : { body: request.body }),
        })),
      };
      const composite: Request = { method: 'POST', path: '/composite', body };
      const groupAnswers = await this.guarded(composite, context, (answer) => {
        const { compositeResponse } = parseAnswer(compositeResponseSchema, answer, composite);
        return group.map((request, index) => {
          const sub = compositeResponse.find((candidate) => candidate.referenceId === `r${index}`);
          // A failed subrequest carries the error array a direct call would have answered (a 5xx is retried).
          if (!sub || sub.httpStatusCode >= 400) throw subrequestError(sub?.body, context);
          return parseAnswer(schema, sub.body, request);
        });
      });
      answers.push(...groupAnswers);
    }
    return answers;
  }

  /** Runs several SOQL queries (bundled by `callEach`) and reads every page of each. */
  async queryEach<Row extends z.ZodType>(queries: readonly Soql[], row: Row, context: ErrorContext = {}): Promise<Array<Array<z.infer<Row>>>> {
    const firstPages = await this.callEach(queries.map(queryRequest), queryResultSchema(row), context);
    const results: Array<Array<z.infer<Row>>> = [];
    for (const first of firstPages) {
      const records = [...first.records];
      let page = first;
      while (!page.done && page.nextRecordsUrl) {
        page = await this.queryPage(null, page.nextRecordsUrl, row, context);
        records.push(...page.records);
      }
      results.push(records);
    }
    return results;
  }

  /**
   * Runs a SOQL query and follows `nextRecordsUrl` to the end.
   * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
   */
  async queryAll<Row extends z.ZodType>(query: Soql, row: Row, context: ErrorContext = {}): Promise<Array<z.infer<Row>>> {
    const [records = []] = await this.queryEach([query], row, context);
    return records;
  }

  /** One page: the first for `query`, or the page at `nextRecordsUrl`. */
  queryPage<Row extends z.ZodType>(query: Soql | null, nextRecordsUrl: string | null, row: Row, context: ErrorContext = {}) {
    const request = nextRecordsUrl === null ? queryRequest(query) : { method: 'GET' as const, path: nextRecordsUrl };
    return this.call(request, queryResultSchema(row), context);
  }

  private async send(request: Request): Promise<unknown> {
    const { conn, session, logger } = this.deps;
    await session?.ensureFresh();
    logger.debug({ method: request.method, path: request.path.split('?')[0] }, 'salesforce request');
    return conn.request(
      {
        method: request.method,
        url: request.path,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body), headers: { 'content-type': 'application/json' } }),
      },
      noJsforceRetry,
    );
  }

  private classify(error: unknown, context: ErrorContext): SyncError {
    const { session } = this.deps;
    // jsforce wraps a failed refresh in a plain Error: surface why the refresh failed instead.
    if (session?.lastFailure && error instanceof Error && error.message.startsWith('Unable to refresh session')) {
      return session.lastFailure;
    }
    const syncError = toSalesforceSyncError(error, context);
    const usage = this.apiUsage();
    if (syncError.code === 'crm.daily_quota_exhausted' && usage) syncError.details.api_usage = usage;
    return syncError;
  }
}

function queryRequest(query: Soql | null): Request {
  return { method: 'GET', path: `/query?q=${encodeURIComponent(query?.text ?? '')}` };
}

function parseAnswer<S extends z.ZodType>(schema: S, body: unknown, request: Request): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new SyncError('crm.transient', `Salesforce answered ${request.method} ${request.path.split('?')[0]} with an unexpected shape.`, {
      details: { provider: 'salesforce', issues: parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.')) },
    });
  }
  return parsed.data;
}

function subrequestError(body: unknown, context: ErrorContext): SyncError {
  const errors = Array.isArray(body) ? body.flatMap((item) => {
    const parsed = salesforceErrorSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  }) : [];
  return fromSalesforceErrors(errors, context);
}
