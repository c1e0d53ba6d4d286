import { errorCodes } from '@synaptiq/shared';
import type { CrmAdapter, Workspace } from '@synaptiq/shared';
import type { RelayMetrics } from './relay-metrics';

type CrmMetrics = Pick<RelayMetrics, 'crmCall' | 'crmError'>;

/**
 * The SyncError code of whatever was thrown (anything without a known code is `internal`). Read from the
 * `code` rather than by instanceof, so an error made by another copy of the shared module still counts right.
 */
export function errorClassOf(error: unknown): string {
  const code: unknown = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && Object.hasOwn(errorCodes, code) ? code : 'internal';
}

/**
 * A CrmAdapter that counts every call and every failure by error class, then behaves exactly like the
 * adapter it wraps. Failed records inside a batch write count as errors too: the call itself succeeded,
 * but those records did not reach the CRM.
 */
export function instrumentCrm(adapter: CrmAdapter, metrics: CrmMetrics): CrmAdapter {
  const provider = adapter.provider;
  const counted =
    <Args extends unknown[], Result>(operation: keyof CrmAdapter, call: (...args: Args) => Promise<Result>) =>
    async (...args: Args): Promise<Result> => {
      metrics.crmCall(provider, operation);
      try {
        return await call(...args);
      } catch (error) {
        metrics.crmError(provider, operation, errorClassOf(error));
        throw error;
      }
    };
  return {
    provider,
    verifyConnection: counted('verifyConnection', () => adapter.verifyConnection()),
    findContactsByEmail: counted('findContactsByEmail', (emails) => adapter.findContactsByEmail(emails)),
    findContactCandidates: counted('findContactCandidates', (queries) => adapter.findContactCandidates(queries)),
    upsertRecords: counted('upsertRecords', async (objectType, writes) => {
      const results = await adapter.upsertRecords(objectType, writes);
      for (const result of results) if (!result.ok) metrics.crmError(provider, 'upsertRecords', result.error.code);
      return results;
    }),
    listProperties: counted('listProperties', (objectType) => adapter.listProperties(objectType)),
    createProperty: counted('createProperty', (objectType, definition) => adapter.createProperty(objectType, definition)),
    listPipelines: counted('listPipelines', () => adapter.listPipelines()),
    listOwners: counted('listOwners', () => adapter.listOwners()),
    listChanges: counted('listChanges', (objectType, since, cursor) => adapter.listChanges(objectType, since, cursor)),
    recordUrl: (objectType, id) => adapter.recordUrl(objectType, id),
  };
}

/** Wraps a crmFor so every adapter it hands out is instrumented (one wrapper per adapter, however often asked). */
export function instrumentCrmFor(crmFor: (workspace: Workspace) => Promise<CrmAdapter>, metrics: CrmMetrics): (workspace: Workspace) => Promise<CrmAdapter> {
  const wrapped = new WeakMap<CrmAdapter, CrmAdapter>();
  return async (workspace) => {
    const adapter = await crmFor(workspace);
    let instrumented = wrapped.get(adapter);
    if (instrumented === undefined) {
      instrumented = instrumentCrm(adapter, metrics);
      wrapped.set(adapter, instrumented);
    }
    return instrumented;
  };
}
