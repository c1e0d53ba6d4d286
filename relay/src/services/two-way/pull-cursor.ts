import type { PullCursor } from '@synaptiq/shared';

/**
 * The read position of one object type's changes. Each poll asks for records modified at or after
 * `since − overlap` (GTE): the overlap absorbs clock skew, search-index lag and records that share a
 * timestamp across a page boundary; the `seen` keys (modified time + id) make those re-reads no-ops.
 * Pure: time comes in as arguments.
 */

/** HubSpot's search index can lag writes by seconds to minutes; 15 minutes is the overlap Airbyte-style pollers use. */
export const defaultOverlapMs = 15 * 60_000;

/** Enough to cover a burst of edits inside one overlap window; past it, value comparison still keeps applies idempotent. */
export const maxSeenKeys = 5_000;

export const seenKey = (updatedAt: string, id: string): string => `${updatedAt}|${id}`;

const timeOfKey = (key: string): number => Date.parse(key.slice(0, key.indexOf('|')));

/** Where the next read starts: the cursor minus the overlap, or (first poll) now minus the overlap. */
export function readFrom(cursor: PullCursor | undefined, now: number, overlapMs: number): string {
  const base = cursor === undefined ? now : Date.parse(cursor.since);
  return new Date((Number.isNaN(base) ? now : base) - overlapMs).toISOString();
}

/** Tracks one scan: which records were already handled, and the latest modified time seen. */
export class CursorScan {
  private readonly seen: Set<string>;
  private latest: number;

  constructor(
    previous: PullCursor | undefined,
    private readonly startedFrom: string,
  ) {
    this.seen = new Set(previous?.seen ?? []);
    this.latest = Date.parse(previous?.since ?? startedFrom);
  }

  /** True the first time a (record, modified time) pair is offered; false on every re-read. */
  firstSighting(id: string, updatedAt: string): boolean {
    const key = seenKey(updatedAt, id);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    const at = Date.parse(updatedAt);
    if (!Number.isNaN(at) && at > this.latest) this.latest = at;
    return true;
  }

  /** The cursor to save once the scan read every page (never mid-scan: HubSpot pages by id, not time). */
  next(overlapMs: number): PullCursor {
    const since = Number.isNaN(this.latest) ? this.startedFrom : new Date(this.latest).toISOString();
    const windowStart = Date.parse(since) - overlapMs;
    const kept = [...this.seen].filter((key) => timeOfKey(key) >= windowStart).sort();
    return { since, seen: kept.slice(-maxSeenKeys) };
  }
}
