import type { RecordWrite } from '../../schemas/crm';
import { chunk } from './batching';
import type { SalesforceRecordBody, WriteRoute, externalKeyField, personKeyField } from './to-salesforce';

/** Pure: how a call's writes are split into sObject Collections requests. */

/** sObject Collections take at most 200 records per request. */
export const collectionLimit = 200;

export interface PreparedWrite {
  /** Position in the caller's input: results go back in input order. */
  index: number;
  write: RecordWrite;
  route: WriteRoute;
  body: SalesforceRecordBody;
}

export interface CollectionBatch {
  /** The field that addresses the records: Id (update), Email or an external id (upsert), none (create). */
  keyField: 'Id' | 'Email' | typeof externalKeyField | typeof personKeyField | null;
  batch: PreparedWrite[];
}

/** What identifies a write's target record; Email compares case-insensitively, as Salesforce does. */
export function routeKey(route: WriteRoute): string {
  if (route.kind === 'update') return route.id;
  if (route.kind === 'create') return `create:${route.key}`;
  return route.externalIdField === 'Email' ? route.value.toLowerCase() : route.value;
}

/**
 * One family of requests per addressing field, each ≤ 200 records, and a record whose target
 * repeats goes to a later request (Salesforce rejects one collection naming a key twice).
 */
export function collectionBatches(prepared: readonly PreparedWrite[]): CollectionBatch[] {
  const groups = new Map<CollectionBatch['keyField'], PreparedWrite[]>();
  for (const item of prepared) {
    const keyField = item.route.kind === 'upsert' ? item.route.externalIdField : item.route.kind === 'update' ? 'Id' : null;
    const group = groups.get(keyField) ?? [];
    group.push(item);
    groups.set(keyField, group);
  }
  return [...groups].flatMap(([keyField, items]) =>
    chunk(items, { maxItems: collectionLimit, key: (item) => routeKey(item.route) }).map((batch) => ({ keyField, batch })),
  );
}
