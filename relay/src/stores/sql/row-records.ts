import type { CrmLink, DeliveryAttempt, LeadRecord, StoredEvent, SyncLogEntry } from '@synaptiq/shared';
import { normalizeEmail, normalizePhone } from '../lead-records';
import type { RowSchemas } from './row-schemas';
import { jsonText } from './row-schemas';

/** A record read back with its `seq`, the received (or first-seen) order lists page by. */
export interface Sequenced<T> {
  seq: number;
  item: T;
}

/** Row → record for each record type, the same for both SQL dialects once the row is parsed. */
export interface RowRecords {
  event(row: unknown): Sequenced<StoredEvent>;
  lead(row: unknown): Sequenced<LeadRecord>;
  syncLog(row: unknown): Sequenced<SyncLogEntry>;
  delivery(row: unknown): Sequenced<DeliveryAttempt>;
  link(row: unknown): CrmLink;
}

export function rowRecords(rows: RowSchemas): RowRecords {
  return {
    event(row) {
      const { seq, payload, ...event } = rows.event.parse(row);
      // The row's columns are the StoredEvent's fields, but `type`, which is the payload's.
      return {
        seq,
        item: {
          workspace_id: event.workspace_id,
          event_id: event.event_id,
          type: payload.type,
          lead_id: event.lead_id,
          payload,
          received_at: event.received_at,
          status: event.status,
          attempts: event.attempts,
          next_attempt_at: event.next_attempt_at,
          last_error: event.last_error,
          updated_at: event.updated_at,
        },
      };
    },
    lead(row) {
      const { seq, ...record } = rows.lead.parse(row);
      return { seq, item: record };
    },
    syncLog(row) {
      const { seq, ...entry } = rows.syncLog.parse(row);
      return { seq, item: entry };
    },
    delivery(row) {
      const { seq, ...delivery } = rows.delivery.parse(row);
      return { seq, item: delivery };
    },
    link(row) {
      const { key, object_type, crm_id, url } = rows.link.parse(row);
      return { key, object_type, crm_id, url };
    },
  };
}

/** A lead record's columns (the normalized email and phone the filters match on included), as both dialects write them. */
export const leadColumns = (record: LeadRecord) => ({
  workspace_id: record.workspace_id,
  lead_id: record.lead_id,
  lead: jsonText(record.lead),
  status: record.status ?? null,
  crm_owner: jsonText(record.crm_owner),
  dedup: jsonText(record.dedup),
  review: jsonText(record.review),
  review_state: record.review?.state ?? null,
  email_norm: normalizeEmail(record.lead.email),
  phone_norm: normalizePhone(record.lead.phone),
  created_at: record.created_at,
  updated_at: record.updated_at,
});
