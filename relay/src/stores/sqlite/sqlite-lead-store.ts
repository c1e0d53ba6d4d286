import { leadSchema } from '@synaptiq/shared';
import type { Lead, LeadFilter, LeadRecord, LeadStore, Page, PageRequest } from '@synaptiq/shared';
import { patchedLeadRecord, upsertedLeadRecord } from '../lead-records';
import type { LeadPatch } from '../lead-records';
import { leadListQuery } from '../sql/list-queries';
import { leadColumns } from '../sql/row-records';
import type { Sequenced } from '../sql/row-records';
import { leadStatements } from '../sql/statements';
import { utcIso } from '../times';
import type { SqliteDatabase } from './database';
import { sqliteDialect } from './rows';

/** The relay's view of each lead, in SQLite. */
export class SqliteLeadStore implements LeadStore {
  constructor(private readonly db: SqliteDatabase) {}

  async upsert(workspaceId: string, lead: Lead, at: string): Promise<LeadRecord> {
    const write = this.prepareUpsert(workspaceId, lead, at);
    return this.db.transaction(write);
  }

  /**
   * Validates now and returns the synchronous write, to run inside a transaction the caller owns
   * (SqliteEventStore.appendWithLead runs it in the event's group commit).
   */
  prepareUpsert(workspaceId: string, lead: Lead, at: string): () => LeadRecord {
    const valid = leadSchema.parse(lead);
    const when = utcIso(at, 'at');
    return () => {
      const record = upsertedLeadRecord(this.#get(workspaceId, valid.id)?.item, workspaceId, valid, when);
      this.#write(record);
      return record;
    };
  }

  async get(workspaceId: string, leadId: string): Promise<LeadRecord | undefined> {
    return this.#get(workspaceId, leadId)?.item;
  }

  /** Newest first by created_at (then by first-seen order); since ≤ created_at < until. */
  async list(workspaceId: string, filter: LeadFilter, page: PageRequest): Promise<Page<LeadRecord>> {
    const query = leadListQuery(sqliteDialect, workspaceId, filter, page);
    return query.page(this.db.all(query.sql, query.params));
  }

  async update(workspaceId: string, leadId: string, patch: LeadPatch, at: string): Promise<LeadRecord | undefined> {
    const when = utcIso(at, 'at');
    return this.db.transaction(() => {
      const previous = this.#get(workspaceId, leadId);
      if (previous === undefined) return undefined;
      const record = patchedLeadRecord(previous.item, patch, when);
      this.#write(record);
      return record;
    });
  }

  #get(workspaceId: string, leadId: string): Sequenced<LeadRecord> | undefined {
    const { sql, params } = leadStatements.get(workspaceId, leadId);
    const row = this.db.get(sql, params);
    return row === undefined ? undefined : sqliteDialect.records.lead(row);
  }

  #write(record: LeadRecord): void {
    this.db.run(
      `INSERT INTO leads (workspace_id, lead_id, lead, status, crm_owner, dedup, review, review_state, email_norm, phone_norm, created_at, updated_at)
       VALUES (:workspace_id, :lead_id, :lead, :status, :crm_owner, :dedup, :review, :review_state, :email_norm, :phone_norm, :created_at, :updated_at)
       ON CONFLICT (workspace_id, lead_id) DO UPDATE SET
         lead = excluded.lead, status = excluded.status, crm_owner = excluded.crm_owner, dedup = excluded.dedup,
         review = excluded.review, review_state = excluded.review_state, email_norm = excluded.email_norm,
         phone_norm = excluded.phone_norm, updated_at = excluded.updated_at`,
      leadColumns(record),
    );
  }
}
