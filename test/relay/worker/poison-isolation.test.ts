import assert from 'node:assert/strict';
import { SyncError } from '@synaptiq/shared';
import type { BatchRunner } from '../../../relay/src/worker/types';
import { leadCreated } from './support/builders';
import { startHarness } from './support/harness';
import { stubSyncBatch } from './support/stub-sync-batch';

const eightLeads = Array.from({ length: 8 }, (_, i) => leadCreated(`evt_${i}`, i === 5 ? 'poison' : `lead_${i}`));

/** A CRM call that fails whole (HubSpot batch 400) whenever `isBad` holds for one of its events. */
function failingWholeCallsWhen(isBad: (leadId: string) => boolean): { runBatch: BatchRunner; batchSizes: number[] } {
  const batchSizes: number[] = [];
  return {
    batchSizes,
    runBatch: async (input) => {
      batchSizes.push(input.events.length);
      if (input.events.some((event) => isBad(event.lead_id))) throw new SyncError('crm.validation', 'Property values were not valid.');
      return stubSyncBatch(input);
    },
  };
}

describe('sync worker dead letters in a batch', () => {
  it('dead-letters only the event whose record fails the whole batch call', async () => {
    const { runBatch, batchSizes } = failingWholeCallsWhen((leadId) => leadId === 'poison');
    const { receive, advance, stores } = await startHarness({ runBatch });
    await receive(...eightLeads);
    await advance(250);
    assert.deepEqual(await stores.events.countByStatus('acme'), { pending: 0, processing: 0, synced: 7, skipped: 0, failed: 0, dead: 1 });
    assert.equal((await stores.events.get('acme', 'evt_5'))?.status, 'dead');
    assert.deepEqual(batchSizes, [8, 4, 4, 2, 2, 1, 1]);
  });

  it('logs the dead letter once, from the run that decided it', async () => {
    const { runBatch } = failingWholeCallsWhen((leadId) => leadId === 'poison');
    const { receive, advance, stores } = await startHarness({ runBatch });
    await receive(...eightLeads);
    await advance(250);
    const failed = (await stores.syncLog.list('acme', { status: 'failed' }, { limit: 100 })).items;
    assert.deepEqual(failed.map((entry) => entry.event_id), ['evt_5']);
  });

  it('stops splitting when both halves fail whole, the cause being shared', async () => {
    const { runBatch, batchSizes } = failingWholeCallsWhen(() => true);
    const { receive, advance, stores } = await startHarness({ runBatch });
    await receive(...eightLeads);
    await advance(250);
    assert.equal((await stores.events.countByStatus('acme')).dead, 8);
    assert.deepEqual(batchSizes, [8, 4, 4]);
    assert.equal((await stores.syncLog.list('acme', { status: 'failed' }, { limit: 100 })).items.length, 8);
  });

  it('returns would-be dead letters to the queue when the workspace pauses meanwhile', async () => {
    let calls = 0;
    const { receive, advance, stores } = await startHarness({
      runBatch: async () => {
        calls += 1;
        throw calls === 1 ? new SyncError('crm.validation', 'Property values were not valid.') : new SyncError('crm.auth_revoked', 'The token was revoked.');
      },
    });
    await receive(...eightLeads);
    await advance(250);
    assert.equal((await stores.events.countByStatus('acme')).pending, 8);
    assert.equal((await stores.config.getWorkspace('acme'))?.status.reason?.code, 'crm.auth_revoked');
  });
});
