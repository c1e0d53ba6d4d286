import { leadSchema, SyncError } from '@synaptiq/shared';
import type { Lead, LeadFilter, LeadRecord, LeadStore, Page, PageRequest } from '@synaptiq/shared';
import { normalizedLeadFilter, normalizeEmail, normalizePhone, patchedLeadRecord, upsertedLeadRecord } from '../lead-records';
import type { LeadPatch } from '../lead-records';
import { decodeCursor, pageSize, toPage } from '../paging';
import { utcIso } from '../times';
import { whereAll } from '../where-all';
import type { PostgresDatabase, Queryable } from './database';
import { jsonb, leadRowSchema } from './rows';

/** Concurrent writers of one lead retry this often before giving up (each retry means another writer got through). */
const maxWriteAttempts = 20;

/**
 * The relay's view of each lead, in PostgreSQL. Read-merge-write is optimistic: the write applies only when the
 * row is still the version that was read (its xmin), else the lead is read and merged again. Two instances merging
 * snapshots of one lead thus apply one after the other, in two autocommit statements (no lock held in between).
 */
export class PostgresLeadStore implements LeadStore {
  constructor(private readonly db: PostgresDatabase) {}

  async upsert(workspaceId: string, lead: Lead, at: string): Promise<LeadRecord> {
    const valid = leadSchema.parse(lead);
    const when = utcIso(at, 'at');
    return this.#readMergeWrite(workspaceId, valid.id, (previous) => upsertedLeadRecord(previous, workspaceId, valid, when));
  }

  async get(workspaceId: string, leadId: string): Promise<LeadRecord | undefined> {
    const [row] = await this.db.rows('SELECT * FROM leads WHERE workspace_id = :workspace_id AND lead_id = :lead_id', {
      workspace_id: workspaceId,
      lead_id: leadId,
    });
    return row === undefined ? undefined : toEntry(row).record;
  }

  /** Newest first by created_at (then by first-seen order); since ≤ created_at < until. */
  async list(workspaceId: string, filter: LeadFilter, page: PageRequest): Promise<Page<LeadRecord>> {
    const limit = pageSize(page);
    const after = decodeCursor(page.cursor, 'timeSeq');
    const { email, phone, since, until } = normalizedLeadFilter(filter);
    const { where, params } = whereAll([
      ['workspace_id = :workspace_id', { workspace_id: workspaceId }],
      filter.status !== undefined && ['status = :status', { status: filter.status }],
      since !== undefined && ['created_at >= :since', { since }],
      until !== undefined && ['created_at < :until', { until }],
      email !== undefined && ['email_norm = :email', { email }],
      phone !== undefined && ['phone_norm = :phone', { phone }],
      filter.review !== undefined && ['review_state = :review', { review: filter.review }],
      after !== null && ['(created_at, seq) < (:after_at::timestamptz, :after_seq::bigint)', { after_at: after[0], after_seq: after[1] }],
    ]);
    const rows = await this.db.rows(`SELECT * FROM leads WHERE ${where} ORDER BY created_at DESC, seq DESC LIMIT :limit`, {
      ...params,
      limit: limit + 1,
    });
    const result = toPage(rows.map(toEntry), limit, (entry) => [entry.record.created_at, entry.seq]);
    return { items: result.items.map((entry) => entry.record), next_cursor: result.next_cursor };
  }

  async update(workspaceId: string, leadId: string, patch: LeadPatch, at: string): Promise<LeadRecord | undefined> {
    const when = utcIso(at, 'at');
    return this.#readMergeWrite(workspaceId, leadId, (previous) => previous && patchedLeadRecord(previous, patch, when));
  }

  /** `next` builds the new record from the current one (none yet: undefined), or answers undefined to write nothing. */
  async #readMergeWrite<R extends LeadRecord | undefined>(workspaceId: string, leadId: string, next: (previous: LeadRecord | undefined) => R): Promise<R> {
    for (let attempt = 0; attempt < maxWriteAttempts; attempt += 1) {
      const current = await versionedRecord(this.db, workspaceId, leadId);
      const record = next(current?.record);
      if (record === undefined) return record;
      const written = current === undefined ? await insert(this.db, record) : await updateIfUnchanged(this.db, record, current.version);
      if (written) return record;
    }
    throw new SyncError('internal', `Lead ${leadId} kept changing while it was being saved (${maxWriteAttempts} concurrent writes); it will be retried.`);
  }
}

/** The lead's row and its version: xmin, the id of the transaction that wrote it, changes with every update. */
async function versionedRecord(db: Queryable, workspaceId: string, leadId: string): Promise<{ record: LeadRecord; version: string } | undefined> {
  const [row] = await db.rows('SELECT *, xmin::text AS version FROM leads WHERE workspace_id = :workspace_id AND lead_id = :lead_id', {
    workspace_id: workspaceId,
    lead_id: leadId,
  });
  return row === undefined ? undefined : { record: toEntry(row).record, version: String(row.version) };
}

const columns = (record: LeadRecord) => ({
  workspace_id: record.workspace_id,
  lead_id: record.lead_id,
  lead: jsonb(record.lead),
  status: record.status ?? null,
  crm_owner: jsonb(record.crm_owner),
  dedup: jsonb(record.dedup),
  review: jsonb(record.review),
  review_state: record.review?.state ?? null,
  email_norm: normalizeEmail(record.lead.email),
  phone_norm: normalizePhone(record.lead.phone),
  created_at: record.created_at,
  updated_at: record.updated_at,
});

/** False when the lead exists already. */
async function insert(db: Queryable, record: LeadRecord): Promise<boolean> {
  const inserted = await db.run(
    `INSERT INTO leads (workspace_id, lead_id, lead, status, crm_owner, dedup, review, review_state, email_norm, phone_norm, created_at, updated_at)
     VALUES (:workspace_id, :lead_id, :lead, :status, :crm_owner, :dedup, :review, :review_state, :email_norm, :phone_norm, :created_at, :updated_at)
     ON CONFLICT (workspace_id, lead_id) DO NOTHING`,
    columns(record),
  );
  return inserted === 1;
}

/** False when another writer changed the lead since `version` was read. */
async function updateIfUnchanged(db: Queryable, record: LeadRecord, version: string): Promise<boolean> {
  const updated = await db.run(
    `UPDATE leads SET lead = :lead, status = :status, crm_owner = :crm_owner, dedup = :dedup, review = :review, review_state = :review_state,
       email_norm = :email_norm, phone_norm = :phone_norm, updated_at = :updated_at
     WHERE workspace_id = :workspace_id AND lead_id = :lead_id AND xmin = :version::xid`,
    { ...columns(record), version },
  );
  return updated === 1;
}

/** The row's columns are the LeadRecord's fields, plus the first-seen order. */
function toEntry(row: unknown): { seq: number; record: LeadRecord } {
  const { seq, ...record } = leadRowSchema.parse(row);
  return { seq, record };
}
