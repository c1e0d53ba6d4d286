import assert from 'node:assert/strict';
import type { DeliveryAttempt } from '@synaptiq/shared';
import { at, deliveryMessage } from '../fixtures';
import { allPages } from './context';
import type { StoreContext } from './context';

const ws = 'acme';
const deliveryIds = (deliveries: DeliveryAttempt[]): string[] => deliveries.map((delivery) => delivery.id);

export function describeDeliveryStore(ctx: StoreContext): void {
  describe('DeliveryStore', () => {
    it('enqueues a message as pending with no attempt yet, and ignores an id it has seen', async () => {
      await ctx.stores.deliveries.enqueue([deliveryMessage('d1', ws)]);
      await ctx.stores.deliveries.enqueue([{ ...deliveryMessage('d1', ws), event: 'sync.failed' }]);
      const stored = await ctx.stores.deliveries.get(ws, 'd1');
      assert.deepEqual(stored, {
        ...deliveryMessage('d1', ws),
        attempt: 0,
        status: 'pending',
        response_status: null,
        error: null,
        updated_at: at(0),
      });
    });

    it('claims due messages oldest first, counting the attempt, and not those due later', async () => {
      await ctx.stores.deliveries.enqueue([
        deliveryMessage('d1', ws),
        deliveryMessage('d2', ws, { next_attempt_at: null }),
        deliveryMessage('d3', ws, { next_attempt_at: at(30) }),
      ]);
      const claimed = await ctx.stores.deliveries.claimDue(at(1), 10, at(2));
      assert.deepEqual(deliveryIds(claimed), ['d1', 'd2']);
      assert.ok(claimed.every((delivery) => delivery.attempt === 1));
      assert.deepEqual(deliveryIds(await ctx.stores.deliveries.claimDue(at(1), 1, at(2))), []);
    });

    it('claims no more than the limit', async () => {
      await ctx.stores.deliveries.enqueue([deliveryMessage('d1', ws), deliveryMessage('d2', ws)]);
      assert.deepEqual(deliveryIds(await ctx.stores.deliveries.claimDue(at(1), 1, at(2))), ['d1']);
    });

    it('hands a claimed message out again only after its lease, as the next attempt', async () => {
      await ctx.stores.deliveries.enqueue([deliveryMessage('d1', ws)]);
      await ctx.stores.deliveries.claimDue(at(1), 10, at(5));
      assert.deepEqual(await ctx.stores.deliveries.claimDue(at(4), 10, at(9)), []);
      const again = await ctx.stores.deliveries.claimDue(at(5), 10, at(9));
      assert.deepEqual(again.map((delivery) => [delivery.id, delivery.attempt]), [['d1', 2]]);
    });

    it('records a failed attempt with its retry time, then success; a succeeded message is never claimed', async () => {
      await ctx.stores.deliveries.enqueue([deliveryMessage('d1', ws)]);
      await ctx.stores.deliveries.claimDue(at(1), 10, at(2));
      await ctx.stores.deliveries.record('d1', { status: 'failed', response_status: 503, error: 'Service Unavailable', next_attempt_at: at(10) }, at(1));
      assert.deepEqual(await ctx.stores.deliveries.claimDue(at(9), 10, at(11)), []);
      assert.deepEqual(deliveryIds(await ctx.stores.deliveries.claimDue(at(10), 10, at(11))), ['d1']);
      await ctx.stores.deliveries.record('d1', { status: 'succeeded', response_status: 200, error: null, next_attempt_at: null }, at(10));
      const done = await ctx.stores.deliveries.get(ws, 'd1');
      assert.equal(done?.status, 'succeeded');
      assert.equal(done?.response_status, 200);
      assert.equal(done?.attempt, 2);
      assert.deepEqual(await ctx.stores.deliveries.claimDue(at(100), 10, at(101)), []);
    });

    it('replays a dead message: pending, due now, with a fresh attempt count', async () => {
      await ctx.stores.deliveries.enqueue([deliveryMessage('d1', ws)]);
      await ctx.stores.deliveries.claimDue(at(1), 10, at(2));
      await ctx.stores.deliveries.record('d1', { status: 'dead', response_status: 410, error: 'Gone', next_attempt_at: null }, at(1));
      assert.deepEqual(await ctx.stores.deliveries.claimDue(at(50), 10, at(51)), []);
      assert.equal(await ctx.stores.deliveries.replay(ws, 'd1', at(50)), true);
      const replayed = await ctx.stores.deliveries.claimDue(at(50), 10, at(51));
      assert.deepEqual(replayed.map((delivery) => [delivery.id, delivery.status, delivery.attempt]), [['d1', 'pending', 1]]);
      assert.equal(await ctx.stores.deliveries.replay(ws, 'nope', at(50)), false);
    });

    it('lists newest first, filtered by subscription and status, paging through every message once', async () => {
      await ctx.stores.deliveries.enqueue([
        deliveryMessage('d1', ws),
        deliveryMessage('d2', ws, { subscription_id: 'sub-2' }),
        deliveryMessage('d3', ws),
        deliveryMessage('d4', ws),
      ]);
      await ctx.stores.deliveries.record('d3', { status: 'dead', response_status: 410, error: 'Gone', next_attempt_at: null }, at(1));
      const pages = await allPages((cursor) => ctx.stores.deliveries.list(ws, {}, { limit: 3, cursor }));
      assert.deepEqual(pages.map(deliveryIds), [['d4', 'd3', 'd2'], ['d1']]);
      assert.deepEqual(deliveryIds((await ctx.stores.deliveries.list(ws, { subscription_id: 'sub-1' }, { limit: 10 })).items), ['d4', 'd3', 'd1']);
      assert.deepEqual(deliveryIds((await ctx.stores.deliveries.list(ws, { status: 'dead' }, { limit: 10 })).items), ['d3']);
    });
  });
}
