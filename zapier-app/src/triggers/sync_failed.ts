import { outputFieldsOf } from '../fields/from-zod';
import { callRelay } from '../relay';
import { syncFailedSample } from '../samples/events';
import { pageOf, syncFailureSchema, syncLogEntrySchema } from '../schemas/relay';
import type { SyncFailure } from '../schemas/relay';
import { hookTrigger } from './hook-trigger';
import { recentLimit } from './recent-leads';

export const syncFailed = hookTrigger({
  key: 'sync_failed',
  noun: 'Sync Failure',
  label: 'Sync Failed',
  description: 'Triggers when a lead could not be written to your CRM, with the reason and what to fix.',
  event: 'sync.failed',
  payload: syncFailureSchema,
  // The failed sync-log entries, reshaped to the sync.failed hook payload.
  list: async (z, bundle) => {
    const page = await callRelay(z, bundle, { path: '/v1/sync-log', params: { status: 'failed', limit: recentLimit } }, pageOf(syncLogEntrySchema));
    return page.data.flatMap((entry): SyncFailure[] =>
      entry.error
        ? [{ id: entry.id, lead_id: entry.lead_id, event_id: entry.event_id, record_type: entry.record_type, error: { code: entry.error.code, message: entry.error.message }, retry_count: entry.retry_count, at: entry.at }]
        : [],
    );
  },
  sample: syncFailedSample,
  outputFields: outputFieldsOf(syncFailureSchema, { id: 'Sync Log Entry ID', lead_id: 'Lead ID', event_id: 'Event ID', error__code: 'Error Code', error__message: 'Error Message', at: 'Failed At' }),
});
