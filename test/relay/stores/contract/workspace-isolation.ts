import assert from 'node:assert/strict';
import { at, deliveryMessage, lead, leadEvent, link, logEntry, subscription, workspace } from '../fixtures';
import type { StoreContext } from './context';

/** Everything of workspace A, looked for through workspace B's id: every read finds nothing, every write changes nothing. */
export function describeWorkspaceIsolation(ctx: StoreContext): void {
  describe('workspace isolation', () => {
    const a = 'acme';
    const b = 'globex';

    beforeEach(async () => {
      const { stores } = ctx;
      await stores.config.saveWorkspace(workspace(a));
      await stores.config.saveWorkspace(workspace(b, { api_keys: [] }));
      await stores.config.saveSubscription(subscription('s1', a));
      await stores.events.append(a, leadEvent('e1', 'l1'), at(0));
      await stores.links.put(a, [link('lead:l1:contact', 'contact', '101')]);
      await stores.leads.upsert(a, lead('l1', { email: 'ann@example.com' }), at(0));
      await stores.syncLog.append([logEntry('x1', a)]);
      await stores.deliveries.enqueue([deliveryMessage('d1', a)]);
    });

    it("reads nothing of workspace A through workspace B's id", async () => {
      const { stores } = ctx;
      assert.deepEqual(await stores.config.listSubscriptions(b), []);
      assert.equal(await stores.events.get(b, 'e1'), undefined);
      assert.deepEqual((await stores.events.list(b, {}, { limit: 10 })).items, []);
      assert.equal(Object.values(await stores.events.countByStatus(b)).reduce((sum, count) => sum + count, 0), 0);
      assert.equal(await stores.events.oldestPendingAt(b), null);
      assert.deepEqual(await stores.events.claim({ workspaceIds: [b], now: at(1), limit: 10, leaseUntil: at(2) }), []);
      assert.equal((await stores.links.getMany(b, ['lead:l1:contact'])).size, 0);
      assert.deepEqual(await stores.links.forLead(b, 'l1'), []);
      assert.deepEqual((await stores.links.listByType(b, 'contact', { limit: 10 })).items, []);
      assert.equal(await stores.links.findByCrmId(b, 'contact', '101'), undefined);
      assert.equal(await stores.leads.get(b, 'l1'), undefined);
      assert.deepEqual((await stores.leads.list(b, { email: 'ann@example.com' }, { limit: 10 })).items, []);
      assert.deepEqual((await stores.syncLog.list(b, {}, { limit: 10 })).items, []);
      assert.equal(await stores.deliveries.get(b, 'd1'), undefined);
      assert.deepEqual((await stores.deliveries.list(b, {}, { limit: 10 })).items, []);
    });

    it("changes nothing of workspace A through workspace B's id", async () => {
      const { stores } = ctx;
      assert.equal(await stores.config.deleteSubscription(b, 's1'), false);
      await stores.events.fail(b, 'e1', { code: 'internal', message: 'x', details: {} }, null, at(1));
      await stores.events.complete(b, ['e1'], 'synced', at(1));
      assert.equal(await stores.leads.update(b, 'l1', { status: 'won' }, at(1)), undefined);
      assert.equal(await stores.deliveries.replay(b, 'd1', at(1)), false);
      assert.equal((await stores.config.listSubscriptions(a)).length, 1);
      assert.equal((await stores.events.get(a, 'e1'))?.status, 'pending');
      assert.equal((await stores.leads.get(a, 'l1'))?.status, null);
    });
  });
}
