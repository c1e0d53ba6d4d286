import type { CrmLink, CrmObjectType, DeliveryAttempt, EventFilter, LeadFilter, LeadRecord, Page, PageRequest, StoredEvent, SyncLogEntry, SyncLogFilter } from '@synaptiq/shared';
import type { DeliveryFilter } from '../delivery-rules';
import { normalizedLeadFilter } from '../lead-records';
import { decodeCursor, pageSize, toPage } from '../paging';
import type { CursorKey } from '../paging';
import { normalizedSyncLogFilter } from '../sync-log-rules';
import { whereAll } from '../where-all';
import type { Condition } from '../where-all';
import type { RowRecords, Sequenced } from './row-records';

/** Parameter values the list queries bind (`:name` placeholders, which both dialects' runners take). */
export type SqlParams = Record<string, string | number | null>;

/** What differs between the SQL dialects in the list queries. */
export interface SqlDialect {
  records: RowRecords;
  /**
   * Rows strictly before the cursor in newest-first (time, seq) order, the cursor bound as :after_at and
   * :after_seq. Each dialect writes it the way its planner turns into an index range.
   */
  beforeTimeSeq(timeColumn: string): string;
}

/** One page's statement, and the page made of the rows it returned (one more than the page asks for). */
export interface ListQuery<T> {
  sql: string;
  params: SqlParams;
  page(rows: unknown[]): Page<T>;
}

type Conditions = Array<Condition<SqlParams> | false | undefined>;

/** The list shape every SQL store shares: only the filters given, keyset paging, limit + 1 rows to tell whether a next page exists. */
function listQuery<E, T>(spec: {
  table: string;
  conditions: Conditions;
  orderBy: string;
  page: PageRequest;
  record: (row: unknown) => E;
  key: (entry: E) => CursorKey;
  item: (entry: E) => T;
}): ListQuery<T> {
  const limit = pageSize(spec.page);
  const { where, params } = whereAll<SqlParams>(spec.conditions);
  return {
    sql: `SELECT * FROM ${spec.table} WHERE ${where} ORDER BY ${spec.orderBy} LIMIT :limit`,
    params: { ...params, limit: limit + 1 },
    page(rows) {
      const result = toPage(rows.map(spec.record), limit, spec.key);
      return { items: result.items.map(spec.item), next_cursor: result.next_cursor };
    },
  };
}

const item = <T>(entry: { item: T }): T => entry.item;

/** `column = :name` when the filter gives a value; nothing (any value) when it does not. */
const equal = (column: string, value: string | undefined, name = column): Condition<SqlParams> | false =>
  value !== undefined && [`${column} = :${name}`, { [name]: value }];

/** A workspace's rows newest first in received order (`seq`), paged by seq. */
function newestBySeq<T>(table: string, workspaceId: string, filters: Conditions, page: PageRequest, record: (row: unknown) => Sequenced<T>): ListQuery<T> {
  const after = decodeCursor(page.cursor, 'seq');
  return listQuery({
    table,
    conditions: [['workspace_id = :workspace_id', { workspace_id: workspaceId }], ...filters, after !== null && ['seq < :after', { after: after[0] }]],
    orderBy: 'seq DESC',
    page,
    record,
    key: (entry) => [entry.seq],
    item,
  });
}

/** A workspace's rows newest first by a time column, then by received order; since ≤ time < until. */
function newestByTime<T>(
  dialect: SqlDialect,
  spec: { table: string; timeColumn: string; timeOf: (item: T) => string; record: (row: unknown) => Sequenced<T> },
  workspaceId: string,
  window: { since?: string; until?: string },
  filters: Conditions,
  page: PageRequest,
): ListQuery<T> {
  const after = decodeCursor(page.cursor, 'timeSeq');
  const { table, timeColumn } = spec;
  return listQuery({
    table,
    conditions: [
      ['workspace_id = :workspace_id', { workspace_id: workspaceId }],
      ...filters,
      window.since !== undefined && [`${timeColumn} >= :since`, { since: window.since }],
      window.until !== undefined && [`${timeColumn} < :until`, { until: window.until }],
      after !== null && [dialect.beforeTimeSeq(timeColumn), { after_at: after[0], after_seq: after[1] }],
    ],
    orderBy: `${timeColumn} DESC, seq DESC`,
    page,
    record: spec.record,
    key: (entry) => [spec.timeOf(entry.item), entry.seq],
    item,
  });
}

/** Newest first (received order). */
export function eventListQuery(dialect: SqlDialect, workspaceId: string, filter: EventFilter, page: PageRequest): ListQuery<StoredEvent> {
  const filters = [equal('status', filter.status), equal('lead_id', filter.lead_id), equal('type', filter.type)];
  return newestBySeq('events', workspaceId, filters, page, dialect.records.event);
}

/** Newest first. */
export function deliveryListQuery(dialect: SqlDialect, workspaceId: string, filter: DeliveryFilter, page: PageRequest): ListQuery<DeliveryAttempt> {
  const filters = [equal('subscription_id', filter.subscription_id), equal('status', filter.status)];
  return newestBySeq('deliveries', workspaceId, filters, page, dialect.records.delivery);
}

/** Newest first by created_at (then by first-seen order); since ≤ created_at < until. */
export function leadListQuery(dialect: SqlDialect, workspaceId: string, filter: LeadFilter, page: PageRequest): ListQuery<LeadRecord> {
  const { email, phone, since, until } = normalizedLeadFilter(filter);
  const filters = [equal('status', filter.status), equal('email_norm', email, 'email'), equal('phone_norm', phone, 'phone'), equal('review_state', filter.review, 'review')];
  const spec = { table: 'leads', timeColumn: 'created_at', timeOf: (lead: LeadRecord) => lead.created_at, record: dialect.records.lead };
  return newestByTime(dialect, spec, workspaceId, { since, until }, filters, page);
}

/** Newest first by `at` (then by append order); since ≤ at < until. */
export function syncLogListQuery(dialect: SqlDialect, workspaceId: string, filter: SyncLogFilter, page: PageRequest): ListQuery<SyncLogEntry> {
  const filters = [equal('status', filter.status), equal('record_type', filter.record_type), equal('lead_id', filter.lead_id)];
  const spec = { table: 'sync_log', timeColumn: 'at', timeOf: (entry: SyncLogEntry) => entry.at, record: dialect.records.syncLog };
  return newestByTime(dialect, spec, workspaceId, normalizedSyncLogFilter(filter), filters, page);
}

/** In key order. */
export function linksByTypeQuery(dialect: SqlDialect, workspaceId: string, objectType: CrmObjectType, page: PageRequest): ListQuery<CrmLink> {
  const after = decodeCursor(page.cursor, 'key');
  return listQuery({
    table: 'links',
    conditions: [
      ['workspace_id = :workspace_id AND object_type = :object_type', { workspace_id: workspaceId, object_type: objectType }],
      after !== null && ['key > :after', { after: after[0] }],
    ],
    orderBy: 'key',
    page,
    record: dialect.records.link,
    key: (link) => [link.key],
    item: (link) => link,
  });
}
