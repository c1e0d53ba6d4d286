import type { SyncLogEntry, SyncLogFilter } from '@synaptiq/shared';
import { syncLogEntrySchema } from './schemas';
import { utcIso } from './times';

/** An entry checked and with its time normalized, as every SyncLogStore stores it. */
export const normalizedSyncLogEntry = (entry: SyncLogEntry): SyncLogEntry => {
  const valid = syncLogEntrySchema.parse(entry);
  return { ...valid, at: utcIso(valid.at, 'at') };
};

export function normalizedSyncLogFilter(filter: SyncLogFilter): { since?: string; until?: string } {
  return {
    ...(filter.since === undefined ? {} : { since: utcIso(filter.since, 'since') }),
    ...(filter.until === undefined ? {} : { until: utcIso(filter.until, 'until') }),
  };
}

/** The memory twin's version of the SQL filter in SqliteSyncLogStore.list. */
export function matchesSyncLogFilter(entry: SyncLogEntry, filter: SyncLogFilter): boolean {
  const { since, until } = normalizedSyncLogFilter(filter);
  return (
    (filter.status === undefined || entry.status === filter.status) &&
    (filter.record_type === undefined || entry.record_type === filter.record_type) &&
    (filter.lead_id === undefined || entry.lead_id === filter.lead_id) &&
    (since === undefined || entry.at >= since) &&
    (until === undefined || entry.at < until)
  );
}
