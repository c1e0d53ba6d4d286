import type { Bundle, ZObject } from 'zapier-platform-core';
import { callRelay } from '../relay';
import { syncNowSample } from '../samples/actions';
import { syncNowAnswerSchema } from '../schemas/relay';

/** POST /v1/sync: pushes the pending queue now (batched mode's "Sync Now"); `remaining` is what is left for the next run. */
export const syncNow = {
  key: 'sync_now',
  noun: 'Sync',
  display: { label: 'Sync Now', description: 'Creates a sync run that pushes every pending lead to your CRM now, instead of waiting for the next batch.' },
  operation: {
    inputFields: [],
    perform: async (z: ZObject, bundle: Bundle) => callRelay(z, bundle, { method: 'POST', path: '/v1/sync', body: {} }, syncNowAnswerSchema),
    sample: syncNowSample,
    outputFields: [
      { key: 'pushed', label: 'Records Pushed', type: 'integer' as const },
      { key: 'skipped', label: 'Records Skipped', type: 'integer' as const },
      { key: 'failed', label: 'Records Failed', type: 'integer' as const },
      { key: 'remaining', label: 'Records Still Pending', type: 'integer' as const },
    ],
  },
};
