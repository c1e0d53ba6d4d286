import type { Connection, HttpMethods } from 'jsforce';
import type { z } from 'zod';
import { SyncError } from '../../errors';
import { type RetryDeps, withRetry } from '../shared/retry';
import { type ErrorContext, toSalesforceSyncError } from './salesforce-errors';
import type { SalesforceLogger } from './salesforce-logger';
import { type SfRecord, queryResultSchema } from './salesforce-schemas';
import type { SalesforceSession } from './salesforce-session';
import type { Soql } from './soql';

export interface CallPacer {
  /** Resolves when one more request may be sent. */
  acquire(): Promise<void>;
}

export interface SalesforceApiDeps {
  conn: Connection;
  /** Absent for a plain access token (no refresh possible). */
  session?: SalesforceSession | undefined;
  pacer: CallPacer;
  retry: RetryDeps;
  logger: SalesforceLogger;
}

export interface ApiUsage {
  used: number;
  limit: number;
}

interface Request {
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

  async call<S extends z.ZodType>(request: Request, schema: S, context: ErrorContext = {}): Promise<z.infer<S>> {
    const body = await withRetry(() => this.attempt(request, context), this.deps.retry);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new SyncError('crm.transient', `Salesforce answered ${request.method} ${request.path} with an unexpected shape.`, {
        details: { provider: 'salesforce', issues: parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.')) },
      });
    }
    return parsed.data;
  }

  /**
   * Runs a SOQL query and follows `nextRecordsUrl` to the end.
   * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
   */
  async queryAll(query: Soql, context: ErrorContext = {}): Promise<SfRecord[]> {
    const records: SfRecord[] = [];
    let page = await this.queryPage(query, null, context);
    records.push(...page.records);
    while (!page.done && page.nextRecordsUrl) {
      page = await this.queryPage(query, page.nextRecordsUrl, context);
      records.push(...page.records);
    }
    return records;
  }

  /** One page: the first for `query`, or the page at `nextRecordsUrl`. */
  queryPage(query: Soql | null, nextRecordsUrl: string | null, context: ErrorContext = {}) {
    const path = nextRecordsUrl ?? `/query?q=${encodeURIComponent(query ?? '')}`;
    return this.call({ method: 'GET', path }, queryResultSchema, context);
  }

  private async attempt(request: Request, context: ErrorContext): Promise<unknown> {
    const { conn, session, pacer, logger } = this.deps;
    try {
      await session?.ensureFresh();
      await pacer.acquire();
      logger.debug({ method: request.method, path: request.path.split('?')[0] }, 'salesforce request');
      return await conn.request(
        {
          method: request.method,
          url: request.path,
          ...(request.body === undefined
            ? {}
            : { body: JSON.stringify(request.body), headers: { 'content-type': 'application/json' } }),
        },
        noJsforceRetry,
      );
    } catch (error) {
      // jsforce wraps a failed refresh in a plain Error: surface why the refresh failed instead.
      if (session?.lastFailure && error instanceof Error && error.message.startsWith('Unable to refresh session')) {
        throw session.lastFailure;
      }
      throw toSalesforceSyncError(error, context);
    }
  }
}
