import type { HookEvent, Meeting, SyncLogEntry } from '@synaptiq/shared';
import type { LeadView } from '../lead-view';

/**
 * What subscribers receive: `{type, timestamp, data}` signed with Standard Webhooks. One data shape per
 * event, built from the same LeadView the admin API's lead endpoints answer with (docs/api.md).
 */

export interface MeetingBookedData {
  /** The meeting's id (Synaptiq's). */
  id: string;
  lead: LeadView;
  meeting: Meeting;
}

export interface SyncFailedData {
  /** The sync log entry's id (GET /v1/sync-log). */
  id: string;
  lead_id: string | null;
  event_id: string | null;
  record_type: SyncLogEntry['record_type'];
  error: { code: string; message: string };
  /** Attempts before this one (0 on the first failure). */
  retry_count: number;
  at: string;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** A lead whose CRM records someone edited (two-way sync), with what changed. */
export type LeadCrmUpdatedData = LeadView & { changes: FieldChange[] };

export interface HookEventData {
  'lead.created': LeadView;
  'lead.qualified': LeadView;
  'lead.synced': LeadView;
  'meeting.booked': MeetingBookedData;
  'sync.failed': SyncFailedData;
  'lead.crm_updated': LeadCrmUpdatedData;
}

export interface HookMessage<E extends HookEvent = HookEvent> {
  type: E;
  /** When the relay emitted the message (ISO 8601); the same on every retry. */
  timestamp: string;
  data: HookEventData[E];
}

/** The sync.failed data of a failed sync log entry. */
export function syncFailedData(entry: SyncLogEntry): SyncFailedData {
  return {
    id: entry.id,
    lead_id: entry.lead_id,
    event_id: entry.event_id,
    record_type: entry.record_type,
    error: { code: entry.error?.code ?? 'internal', message: entry.error?.message ?? entry.message ?? 'The sync failed.' },
    retry_count: entry.retry_count,
    at: entry.at,
  };
}
