import { leadSchema } from '@synaptiq/shared';
import type { Lead, LeadFilter, LeadRecord, LeadStore, Page, PageRequest } from '@synaptiq/shared';
import { normalizedLeadFilter, normalizeEmail, normalizePhone, patchedLeadRecord, upsertedLeadRecord } from '../lead-records';
import type { LeadPatch } from '../lead-records';
import { decodeCursor, pageSize, toPage } from '../paging';
import { utcIso } from '../times';
import type { Row, SqliteDatabase } from './database';
import { whereAll } from './conditions';
import { leadRowSchema, toJson } from './rows';

/** The relay's view of each lead, in SQLite. */
export class SqliteLeadStore implements LeadStore {
  constructor(private readonly db: SqliteDatabase) {}

  async upsert(workspaceId: string, lead: Lead, at: string): Promise<LeadRecord> {
    const valid = leadSchema.parse(lead);
    const when = utcIso(at, 'at');
    return this.db.transaction(() => {
      const record = upsertedLeadRecord(this.#get(workspaceId, valid.id)?.record, workspaceId, valid, when);
      this.#write(record);
      return record;
    });
  }

  async get(workspaceId: string, leadId: string): Promise<LeadRecord | undefined> {
    return this.#get(workspaceId, leadId)?.record;
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
      after !== null && ['(created_at < :after_at OR (created_at = :after_at AND seq < :after_seq))', { after_at: after[0], after_seq: after[1] }],
    ]);
    const rows = this.db.all(`SELECT * FROM leads WHERE ${where} ORDER BY created_at DESC, seq DESC LIMIT :limit`, { ...params, limit: limit + 1 });
    const result = toPage(rows.map(toEntry), limit, (entry) => [entry.record.created_at, entry.seq]);
    return { items: result.items.map((entry) => entry.record), next_cursor: result.next_cursor };
  }

  async update(workspaceId: string, leadId: string, patch: LeadPatch, at: string): Promise<LeadRecord | undefined> {
    const when = utcIso(at, 'at');
    return this.db.transaction(() => {
      const previous = this.#get(workspaceId, leadId);
      if (previous === undefined) return undefined;
      const record = patchedLeadRecord(previous.record, patch, when);
      this.#write(record);
      return record;
    });
  }

  #get(workspaceId: string, leadId: string): { seq: number; record: LeadRecord } | undefined {
    const row = this.db.get('SELECT * FROM leads WHERE workspace_id = :workspace_id AND lead_id = :lead_id', {
      workspace_id: workspaceId,
      lead_id: leadId,
    });
    return row === undefined ? undefined : toEntry(row);
  }

  #write(record: LeadRecord): void {
    this.db.run(
      `INSERT INTO leads (workspace_id, lead_id, lead, status, crm_owner, dedup, review, review_state, email_norm, phone_norm, created_at, updated_at)
       VALUES (:workspace_id, :lead_id, :lead, :status, :crm_owner, :dedup, :review, :review_state, :email_norm, :phone_norm, :created_at, :updated_at)
       ON CONFLICT (workspace_id, lead_id) DO UPDATE SET
         lead = excluded.lead, status = excluded.status, crm_owner = excluded.crm_owner, dedup = excluded.dedup,
         review = excluded.review, review_state = excluded.review_state, email_norm = excluded.email_norm,
         phone_norm = excluded.phone_norm, updated_at = excluded.updated_at`,
      {
        workspace_id: record.workspace_id,
        lead_id: record.lead_id,
        lead: JSON.stringify(record.lead),
        status: record.status ?? null,
        crm_owner: toJson(record.crm_owner),
        dedup: toJson(record.dedup),
        review: toJson(record.review),
        review_state: record.review?.state ?? null,
        email_norm: normalizeEmail(record.lead.email),
        phone_norm: normalizePhone(record.lead.phone),
        created_at: record.created_at,
        updated_at: record.updated_at,
      },
    );
  }
}

function toEntry(row: Row): { seq: number; record: LeadRecord } {
  const parsed = leadRowSchema.parse(row);
  return {
    seq: parsed.seq,
    record: {
      workspace_id: parsed.workspace_id,
      lead_id: parsed.lead_id,
      lead: parsed.lead,
      status: parsed.status,
      crm_owner: parsed.crm_owner,
      dedup: parsed.dedup,
      review: parsed.review,
      created_at: parsed.created_at,
      updated_at: parsed.updated_at,
    },
  };
}
