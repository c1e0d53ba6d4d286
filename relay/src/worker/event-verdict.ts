import { errorCodes } from '@synaptiq/shared';
import type { Disposition, SyncErrorJson } from '@synaptiq/shared';
import type { OperationOutcome } from './types';

/** What happens to one event after its batch ran. */
export type EventVerdict =
  | { kind: 'synced' }
  | { kind: 'skipped' }
  | { kind: 'retry'; error: SyncErrorJson }
  | { kind: 'dead'; error: SyncErrorJson }
  /** An error only the user can fix: the workspace pauses and the event goes back to the queue. */
  | { kind: 'pause'; error: SyncErrorJson };

/** Codes from outside (an adapter's JSON) may be unknown at run time: those are retried like `internal`. */
export function dispositionOf(error: SyncErrorJson): Disposition {
  return Object.hasOwn(errorCodes, error.code) ? errorCodes[error.code].disposition : 'retry';
}

// A pause outranks everything (nothing should be written until the user acts); a permanent failure outranks a
// transient one, because retrying an event that cannot succeed only delays telling the user.
const rank: Record<Disposition, number> = { pause: 4, dead_letter: 3, reject: 3, retry: 2, skip: 1 };

/** The verdict of an error that failed the whole event (or the whole batch). */
export function verdictForError(error: SyncErrorJson): EventVerdict {
  const disposition = dispositionOf(error);
  switch (disposition) {
    case 'pause':
      return { kind: 'pause', error };
    case 'retry':
      return { kind: 'retry', error };
    case 'skip':
      return { kind: 'skipped' };
    case 'dead_letter':
    case 'reject':
      return { kind: 'dead', error };
  }
}

/**
 * Whether an operation's error decides the event: every failure, and a skip whose cause only the user can fix
 * (deal settings naming a pipeline or stage the CRM lacks). Ending such an event as skipped would mean its deal
 * is silently never written; pausing keeps it queued until the settings are fixed.
 */
const decides = (operation: OperationOutcome): operation is OperationOutcome & { error: SyncErrorJson } =>
  operation.error !== null && (operation.status === 'failed' || (operation.status === 'skipped' && dispositionOf(operation.error) === 'pause'));

/** One event's verdict from its operations: the most serious failure decides; no failure means synced or skipped. */
export function verdictForOperations(operations: OperationOutcome[]): EventVerdict {
  let worst: SyncErrorJson | null = null;
  for (const operation of operations) {
    if (!decides(operation)) continue;
    if (worst === null || rank[dispositionOf(operation.error)] > rank[dispositionOf(worst)]) worst = operation.error;
  }
  if (worst !== null) return verdictForError(worst);
  return operations.some((operation) => operation.status === 'success') ? { kind: 'synced' } : { kind: 'skipped' };
}
