import { userFixes } from '@synaptiq/shared';
import type { CrmObjectType, StoredEvent, SyncErrorJson, SyncLogEntry } from '@synaptiq/shared';
import type { OperationOutcome } from './types';

/** The record an event is mostly about, for log entries of failures that happened before any operation. */
export function recordTypeOfEvent(type: StoredEvent['type']): CrmObjectType {
  if (type.startsWith('meeting.')) return 'meeting';
  if (type === 'conversation.completed') return 'note';
  return 'contact';
}

/**
 * What the user should do about an error: the troubleshooting fix when there is one, else the error's own words.
 * An error that names the setting at fault (`details.setting`, e.g. a deal pipeline or stage not found) already
 * says which value to change and the valid choices; the generic fix would send the user to the wrong page.
 */
export function whatToDo(error: SyncErrorJson): string {
  if (typeof error.details['setting'] === 'string') return error.message;
  return userFixes[error.code] ?? error.message;
}

/** One sync log entry per operation of the event (sync-crm docs: record type, status, CRM link, error, retries). */
export function entriesForOperations(
  event: StoredEvent,
  operations: OperationOutcome[],
  at: string,
  newId: () => string,
): SyncLogEntry[] {
  return operations.map((operation) => ({
    id: newId(),
    workspace_id: event.workspace_id,
    at,
    event_id: event.event_id,
    lead_id: event.lead_id,
    record_type: operation.objectType,
    action: operation.review && operation.status === 'success' ? `${operation.action} (flagged for review)` : operation.action,
    status: operation.status,
    crm_id: operation.crmId,
    crm_url: operation.url,
    error: operation.error,
    message: operation.error === null ? withWarnings(operation.reason, operation.warnings) : whatToDo(operation.error),
    retry_count: previousAttempts(event),
  }));
}

/**
 * A success the CRM adapter had to trim still says so: which field was left out of the record and what to do
 * about it (the adapter's own words name the value, the field and the fix).
 */
function withWarnings(reason: string, warnings: OperationOutcome['warnings']): string {
  if (warnings === undefined || warnings.length === 0) return reason;
  return [`${reason}; written without ${warnings.map((warning) => warning.property).join(', ')}.`, ...warnings.map((warning) => warning.message)].join(' ');
}

/** The entry of an event whose whole batch failed before any operation could report. */
export function entryForBatchFailure(event: StoredEvent, error: SyncErrorJson, at: string, newId: () => string): SyncLogEntry {
  return {
    id: newId(),
    workspace_id: event.workspace_id,
    at,
    event_id: event.event_id,
    lead_id: event.lead_id,
    record_type: recordTypeOfEvent(event.type),
    action: 'sync',
    status: 'failed',
    crm_id: null,
    crm_url: null,
    error,
    message: whatToDo(error),
    retry_count: previousAttempts(event),
  };
}

/** Claiming counts the attempt, so the retries before this one are one fewer. */
const previousAttempts = (event: StoredEvent): number => Math.max(0, event.attempts - 1);
