import assert from 'node:assert/strict';
import type { SyncLogEntry, SyncLogFilter } from '@synaptiq/shared';
import { at, logEntry, transientError } from '../fixtures';
import { allPages } from './context';
import type { StoreContext } from './context';

const ws = 'acme';
const entryIds = (entries: SyncLogEntry[]): string[] => entries.map((entry) => entry.id);

export function describeSyncLogStore(ctx: StoreContext): void {
  describe('SyncLogStore', () => {
    it('stores entries as given and ignores an entry id it has seen', async () => {
      const failed = logEntry('x1', ws, { status: 'failed', error: transientError, message: 'retrying', retry_count: 2, crm_id: null, crm_url: null });
      await ctx.stores.syncLog.append([failed]);
      await ctx.stores.syncLog.append([{ ...failed, message: 'a repeat' }]);
      assert.deepEqual((await ctx.stores.syncLog.list(ws, {}, { limit: 10 })).items, [failed]);
    });

    it('lists newest first, appends at the same time by append order, and pages through every entry once', async () => {
      await ctx.stores.syncLog.append([logEntry('x1', ws, { at: at(1) }), logEntry('x2', ws, { at: at(3) }), logEntry('x3', ws, { at: at(2) })]);
      await ctx.stores.syncLog.append([logEntry('x4', ws, { at: at(3) }), logEntry('x5', ws, { at: at(0) })]);
      const pages = await allPages((cursor) => ctx.stores.syncLog.list(ws, {}, { limit: 2, cursor }));
      assert.deepEqual(pages.map(entryIds), [['x4', 'x2'], ['x3', 'x1'], ['x5']]);
    });

    const filters: Array<[string, SyncLogFilter, string[]]> = [
      ['status', { status: 'failed' }, ['x2']],
      ['record type', { record_type: 'deal' }, ['x3']],
      ['lead', { lead_id: 'lead-2' }, ['x3', 'x2']],
      ['time window (since inclusive, until exclusive)', { since: at(1), until: at(3) }, ['x3', 'x2']],
      ['several fields at once', { lead_id: 'lead-2', record_type: 'contact' }, ['x2']],
    ];
    for (const [name, filter, expected] of filters) {
      it(`filters by ${name}`, async () => {
        await ctx.stores.syncLog.append([
          logEntry('x1', ws, { at: at(0) }),
          logEntry('x2', ws, { at: at(1), status: 'failed', lead_id: 'lead-2', error: transientError }),
          logEntry('x3', ws, { at: at(2), record_type: 'deal', lead_id: 'lead-2' }),
          logEntry('x4', ws, { at: at(3), status: 'skipped' }),
        ]);
        assert.deepEqual(entryIds((await ctx.stores.syncLog.list(ws, filter, { limit: 10 })).items), expected);
      });
    }

    it('prunes entries older than the cutoff and says how many', async () => {
      await ctx.stores.syncLog.append([logEntry('x1', ws, { at: at(0) }), logEntry('x2', 'globex', { at: at(1) }), logEntry('x3', ws, { at: at(2) })]);
      assert.equal(await ctx.stores.syncLog.prune(at(2)), 2);
      assert.deepEqual(entryIds((await ctx.stores.syncLog.list(ws, {}, { limit: 10 })).items), ['x3']);
    });
  });
}
