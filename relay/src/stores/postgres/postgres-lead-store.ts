import { leadSchema, SyncError } from '@synaptiq/shared';
import type { Lead, LeadFilter, LeadRecord, LeadStore, Page, PageRequest } from '@synaptiq/shared';
import { patchedLeadRecord, upsertedLeadRecord } from '../lead-records';
import type { LeadPatch } from '../lead-records';
import { leadListQuery } from '../sql/list-queries';
import { leadColumns } from '../sql/row-records';
import { leadStatements } from '../sql/statements';
import { utcIso } from '../times';
import type { PostgresDatabase, Queryable } from './database';
import { postgresDialect } from './rows';

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
    const { sql, params } = leadStatements.get(workspaceId, leadId);
    const [row] = await this.db.rows(sql, params);
    return row === undefined ? undefined : postgresDialect.records.lead(row).item;
  }

  /** Newest first by created_at (then by first-seen order); since ≤ created_at < until. */
  async list(workspaceId: string, filter: LeadFilter, page: PageRequest): Promise<Page<LeadRecord>> {
    const query = leadListQuery(postgresDialect, workspaceId, filter, page);
    return query.page(await this.db.rows(query.sql, query.params));
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
  return row === undefined ? undefined : { record: postgresDialect.records.lead(row).item, version: String(row.version) };
}

/** False when the lead exists already. */
async function insert(db: Queryable, record: LeadRecord): Promise<boolean> {
  const inserted = await db.run(
    `INSERT INTO leads (workspace_id, lead_id, lead, status, crm_owner, dedup, review, review_state, email_norm, phone_norm, created_at, updated_at)
     VALUES (:workspace_id, :lead_id, :lead, :status, :crm_owner, :dedup, :review, :review_state, :email_norm, :phone_norm, :created_at, :updated_at)
     ON CONFLICT (workspace_id, lead_id) DO NOTHING`,
    leadColumns(record),
  );
  return inserted === 1;
}

/** False when another writer changed the lead since `version` was read. */
async function updateIfUnchanged(db: Queryable, record: LeadRecord, version: string): Promise<boolean> {
  const updated = await db.run(
    `UPDATE leads SET lead = :lead, status = :status, crm_owner = :crm_owner, dedup = :dedup, review = :review, review_state = :review_state,
       email_norm = :email_norm, phone_norm = :phone_norm, updated_at = :updated_at
     WHERE workspace_id = :workspace_id AND lead_id = :lead_id AND xmin = :version::xid`,
    { ...leadColumns(record), version },
  );
  return updated === 1;
}
