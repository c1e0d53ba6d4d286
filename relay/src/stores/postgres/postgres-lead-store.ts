import { leadSchema } from '@synaptiq/shared';
import type { Lead, LeadFilter, LeadRecord, LeadStore, Page, PageRequest } from '@synaptiq/shared';
import { normalizedLeadFilter, normalizeEmail, normalizePhone, patchedLeadRecord, upsertedLeadRecord } from '../lead-records';
import type { LeadPatch } from '../lead-records';
import { decodeCursor, pageSize, toPage } from '../paging';
import { utcIso } from '../times';
import { whereAll } from '../where-all';
import type { Queryable, PostgresDatabase } from './database';
import { jsonb, leadRowSchema } from './rows';

/**
 * The relay's view of each lead, in PostgreSQL. Read-merge-write runs in a transaction holding the row lock
 * (SELECT … FOR UPDATE), so two instances merging snapshots of one lead apply one after the other.
 */
export class PostgresLeadStore implements LeadStore {
  constructor(private readonly db: PostgresDatabase) {}

  async upsert(workspaceId: string, lead: Lead, at: string): Promise<LeadRecord> {
    const valid = leadSchema.parse(lead);
    const when = utcIso(at, 'at');
    return this.db.transaction(async (tx) => {
      let previous = await lockedRecord(tx, workspaceId, valid.id);
      if (previous === undefined) {
        const record = upsertedLeadRecord(undefined, workspaceId, valid, when);
        if (await insert(tx, record)) return record;
        // Another instance created the lead meanwhile: merge into its row like any later snapshot.
        previous = await lockedRecord(tx, workspaceId, valid.id);
      }
      const record = upsertedLeadRecord(previous, workspaceId, valid, when);
      await update(tx, record);
      return record;
    });
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
    return this.db.transaction(async (tx) => {
      const previous = await lockedRecord(tx, workspaceId, leadId);
      if (previous === undefined) return undefined;
      const record = patchedLeadRecord(previous, patch, when);
      await update(tx, record);
      return record;
    });
  }
}

/** The lead's row, locked until the transaction ends. */
async function lockedRecord(tx: Queryable, workspaceId: string, leadId: string): Promise<LeadRecord | undefined> {
  const [row] = await tx.rows('SELECT * FROM leads WHERE workspace_id = :workspace_id AND lead_id = :lead_id FOR UPDATE', {
    workspace_id: workspaceId,
    lead_id: leadId,
  });
  return row === undefined ? undefined : toEntry(row).record;
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
async function insert(tx: Queryable, record: LeadRecord): Promise<boolean> {
  const inserted = await tx.run(
    `INSERT INTO leads (workspace_id, lead_id, lead, status, crm_owner, dedup, review, review_state, email_norm, phone_norm, created_at, updated_at)
     VALUES (:workspace_id, :lead_id, :lead, :status, :crm_owner, :dedup, :review, :review_state, :email_norm, :phone_norm, :created_at, :updated_at)
     ON CONFLICT (workspace_id, lead_id) DO NOTHING`,
    columns(record),
  );
  return inserted === 1;
}

async function update(tx: Queryable, record: LeadRecord): Promise<void> {
  await tx.run(
    `UPDATE leads SET lead = :lead, status = :status, crm_owner = :crm_owner, dedup = :dedup, review = :review, review_state = :review_state,
       email_norm = :email_norm, phone_norm = :phone_norm, updated_at = :updated_at
     WHERE workspace_id = :workspace_id AND lead_id = :lead_id`,
    columns(record),
  );
}

/** The row's columns are the LeadRecord's fields, plus the first-seen order. */
function toEntry(row: unknown): { seq: number; record: LeadRecord } {
  const { seq, ...record } = leadRowSchema.parse(row);
  return { seq, record };
}
