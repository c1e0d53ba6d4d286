import type { HookEvent, LeadView, MeetingBookedData, SynaptiqEvent, SyncFailedData, SyncLogEntry } from '@synaptiq/shared';

export type { MeetingBookedData, SyncFailedData };

/**
 * What subscribers receive: `{type, timestamp, data}` signed with Standard Webhooks. One data shape per
 * event, built from the same LeadView the admin API's lead endpoints answer with (docs/api.md); the data
 * schemas live in @synaptiq/shared (schemas/api.ts) so the Zapier app reads them with the same definitions.
 */

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

/** The meeting.booked data of a meeting.booked event, with its lead as it is now. */
export function meetingBookedData(event: Extract<SynaptiqEvent, { type: 'meeting.booked' }>, lead: LeadView): MeetingBookedData {
  return { id: event.data.meeting.id, lead, meeting: event.data.meeting };
}
