import type { EventStatus } from '@synaptiq/shared';

/**
 * Queue rules every EventStore implementation follows (the store contract tests pin them):
 * - `claim` takes, per lead, only the earliest unfinished event (pending, processing or failed;
 *   dead ones do not block), and only when it is due: pending, failed with next_attempt_at ≤ now,
 *   or processing with an expired lease. Oldest (received order) first.
 * - `claim` counts the attempt: a claimed event carries its attempt number (1 on the first try).
 *   `fail` does not count again; `release` of a processing event gives the attempt back, and
 *   release of a failed, dead or ended event (a replay) starts a fresh count at 0.
 * - `oldestPendingAt` is the oldest unfinished (pending, processing, failed) event's received_at.
 */
export const unfinishedStatuses = ['pending', 'processing', 'failed'] as const satisfies readonly EventStatus[];
export const endedStatuses = ['synced', 'skipped'] as const satisfies readonly EventStatus[];

export const zeroCounts = (): Record<EventStatus, number> => ({ pending: 0, processing: 0, synced: 0, skipped: 0, failed: 0, dead: 0 });
