import assert from 'node:assert/strict';
import { SyncError } from '@synaptiq/shared';
import type { EventStore, StoredEvent } from '@synaptiq/shared';
import { at, leadEvent, meetingEvent, transientError, validationError } from '../fixtures';
import { allPages } from './context';
import type { StoreContext } from './context';

const ws = 'acme';
const ids = (events: StoredEvent[]): string[] => events.map((event) => event.event_id);

async function appendAll(events: EventStore, specs: Array<[eventId: string, leadId: string]>, workspaceId = ws): Promise<void> {
  for (const [index, [eventId, leadId]] of specs.entries()) await events.append(workspaceId, leadEvent(eventId, leadId), at(index));
}

const claimAt = (events: EventStore, minutes: number, limit = 10, workspaceIds = [ws]) =>
  events.claim({ workspaceIds, now: at(minutes), limit, leaseUntil: at(minutes + 5) });

export function describeEventStore(ctx: StoreContext): void {
  describe('EventStore', () => {
    describe('append', () => {
      it('stores a new event as pending with no attempts, keyed by its lead', async () => {
        const result = await ctx.stores.events.append(ws, meetingEvent('e1', 'lead-1'), at(0));
        assert.deepEqual(result, { inserted: true });
        const stored = await ctx.stores.events.get(ws, 'e1');
        assert.equal(stored?.status, 'pending');
        assert.equal(stored?.lead_id, 'lead-1');
        assert.equal(stored?.type, 'meeting.booked');
        assert.equal(stored?.attempts, 0);
        assert.equal(stored?.received_at, at(0));
        assert.deepEqual(stored?.payload, meetingEvent('e1', 'lead-1'));
      });

      it('is idempotent: the same event id twice is stored once and the repeat says inserted: false', async () => {
        await ctx.stores.events.append(ws, leadEvent('e1', 'lead-1'), at(0));
        const repeat = await ctx.stores.events.append(ws, leadEvent('e1', 'lead-1', 'lead.updated'), at(1));
        assert.deepEqual(repeat, { inserted: false });
        assert.equal((await ctx.stores.events.countByStatus(ws)).pending, 1);
        assert.equal((await ctx.stores.events.get(ws, 'e1'))?.type, 'lead.created');
      });

      it('stores every one of many concurrent appends, still there after close and reopen', async () => {
        const results = await Promise.all(Array.from({ length: 300 }, (_, i) => ctx.stores.events.append(ws, leadEvent(`e${i}`, `lead-${i % 7}`), at(0))));
        assert.ok(results.every((result) => result.inserted));
        if (ctx.persistent) await ctx.reopen();
        assert.equal((await ctx.stores.events.countByStatus(ws)).pending, 300);
      });

      it('inserts the same event id appended twice at once exactly once', async () => {
        const results = await Promise.all([
          ctx.stores.events.append(ws, leadEvent('e1', 'lead-1'), at(0)),
          ctx.stores.events.append(ws, leadEvent('e1', 'lead-1'), at(0)),
          ctx.stores.events.append(ws, leadEvent('e2', 'lead-1'), at(0)),
        ]);
        assert.deepEqual(results.map((result) => result.inserted).sort(), [false, true, true]);
        assert.equal((await ctx.stores.events.countByStatus(ws)).pending, 2);
      });

      it('treats the same event id in two workspaces as two events', async () => {
        await ctx.stores.events.append('acme', leadEvent('e1', 'lead-1'), at(0));
        const other = await ctx.stores.events.append('globex', leadEvent('e1', 'lead-1'), at(0));
        assert.deepEqual(other, { inserted: true });
      });

      it('stores received times in UTC whatever offset they come with', async () => {
        await ctx.stores.events.append(ws, leadEvent('e1', 'lead-1'), '2026-03-01T13:00:00+01:00');
        assert.equal((await ctx.stores.events.get(ws, 'e1'))?.received_at, '2026-03-01T12:00:00.000Z');
      });

      it('rejects an invalid received time with a request.invalid error', async () => {
        await assert.rejects(ctx.stores.events.append(ws, leadEvent('e1', 'lead-1'), 'yesterday'), (error: unknown) => {
          return error instanceof SyncError && error.code === 'request.invalid';
        });
      });

      it('keeps appended events and their state across close and reopen', async function () {
        if (!ctx.persistent) this.skip();
        await appendAll(ctx.stores.events, [['e1', 'lead-1'], ['e2', 'lead-2']]);
        await claimAt(ctx.stores.events, 10, 1);
        const reopened = await ctx.reopen();
        assert.equal((await reopened.events.get(ws, 'e1'))?.status, 'processing');
        assert.equal((await reopened.events.get(ws, 'e2'))?.status, 'pending');
        assert.deepEqual(await reopened.events.append(ws, leadEvent('e1', 'lead-1'), at(20)), { inserted: false });
      });
    });

    describe('claim', () => {
      it('claims oldest first across leads and marks them processing with their attempt number', async () => {
        await appendAll(ctx.stores.events, [['e1', 'lead-1'], ['e2', 'lead-2'], ['e3', 'lead-3']]);
        const claimed = await claimAt(ctx.stores.events, 10);
        assert.deepEqual(ids(claimed), ['e1', 'e2', 'e3']);
        assert.ok(claimed.every((event) => event.status === 'processing' && event.attempts === 1));
        assert.equal((await ctx.stores.events.get(ws, 'e1'))?.status, 'processing');
      });

      it('never claims two events of one lead at once', async () => {
        await appendAll(ctx.stores.events, [['e1', 'lead-1'], ['e2', 'lead-1'], ['e3', 'lead-2'], ['e4', 'lead-1']]);
        assert.deepEqual(ids(await claimAt(ctx.stores.events, 10)), ['e1', 'e3']);
      });

      it('claims no more than the limit', async () => {
        await appendAll(ctx.stores.events, [['e1', 'lead-1'], ['e2', 'lead-2'], ['e3', 'lead-3']]);
        assert.deepEqual(ids(await claimAt(ctx.stores.events, 10, 2)), ['e1', 'e2']);
        assert.deepEqual(ids(await claimAt(ctx.stores.events, 10, 2)), ['e3']);
      });

      it('claims only from the workspaces asked for', async () => {
        await appendAll(ctx.stores.events, [['e1', 'lead-1']], 'acme');
        await appendAll(ctx.stores.events, [['e2', 'lead-1']], 'globex');
        const claimed = await claimAt(ctx.stores.events, 10, 10, ['globex']);
        assert.deepEqual(claimed.map((event) => [event.workspace_id, event.event_id]), [['globex', 'e2']]);
        assert.deepEqual(await claimAt(ctx.stores.events, 10, 10, []), []);
      });

      it('orders leads independently per workspace: the same lead id elsewhere does not block', async () => {
        await appendAll(ctx.stores.events, [['e1', 'lead-1']], 'acme');
        await appendAll(ctx.stores.events, [['e2', 'lead-1']], 'globex');
        assert.equal((await claimAt(ctx.stores.events, 10, 10, ['acme', 'globex'])).length, 2);
      });

      const blockers: Array<[string, (events: EventStore) => Promise<void>]> = [
        ['processing under a live lease', async () => undefined],
        ['failed and waiting for its retry', (events) => events.fail(ws, 'e1', transientError, at(60), at(11))],
        ['released back to pending', (events) => events.release(ws, ['e1'], at(11))],
      ];
      for (const [state, putInState] of blockers) {
        it(`does not claim a later event of a lead while the earlier one is ${state}`, async () => {
          await appendAll(ctx.stores.events, [['e1', 'lead-1'], ['e2', 'lead-1']]);
          assert.deepEqual(ids(await claimAt(ctx.stores.events, 10)), ['e1']);
          await putInState(ctx.stores.events);
          assert.ok(!ids(await claimAt(ctx.stores.events, 12)).includes('e2'));
        });
      }

      it('lets a lead move on once its earlier event is dead-lettered', async () => {
        await appendAll(ctx.stores.events, [['e1', 'lead-1'], ['e2', 'lead-1']]);
        await claimAt(ctx.stores.events, 10);
        await ctx.stores.events.fail(ws, 'e1', validationError, null, at(11));
        assert.deepEqual(ids(await claimAt(ctx.stores.events, 12)), ['e2']);
      });

      it('lets a lead move on once its earlier event is complete', async () => {
        await appendAll(ctx.stores.events, [['e1', 'lead-1'], ['e2', 'lead-1'], ['e3', 'lead-1']]);
        await claimAt(ctx.stores.events, 10);
        await ctx.stores.events.complete(ws, ['e1'], 'synced', at(11));
        assert.deepEqual(ids(await claimAt(ctx.stores.events, 12)), ['e2']);
        await ctx.stores.events.complete(ws, ['e2'], 'skipped', at(13));
        assert.deepEqual(ids(await claimAt(ctx.stores.events, 14)), ['e3']);
      });

      it('does not hand out a claimed event again while its lease runs', async () => {
        await appendAll(ctx.stores.events, [['e1', 'lead-1']]);
        await claimAt(ctx.stores.events, 10);
        assert.deepEqual(await claimAt(ctx.stores.events, 14), []);
      });

      it('re-claims an event whose lease expired, counting a second attempt', async () => {
        await appendAll(ctx.stores.events, [['e1', 'lead-1']]);
        await claimAt(ctx.stores.events, 10);
        const reclaimed = await claimAt(ctx.stores.events, 15);
        assert.deepEqual(ids(reclaimed), ['e1']);
        assert.equal(reclaimed[0]?.attempts, 2);
      });
    });

    describe('fail, complete and release', () => {
      it('records a retryable failure: failed, with its error, and due again only at the retry time', async () => {
        await appendAll(ctx.stores.events, [['e1', 'lead-1']]);
        await claimAt(ctx.stores.events, 10);
        await ctx.stores.events.fail(ws, 'e1', transientError, at(30), at(11));
        const failed = await ctx.stores.events.get(ws, 'e1');
        assert.equal(failed?.status, 'failed');
        assert.equal(failed?.next_attempt_at, at(30));
        assert.deepEqual(failed?.last_error, transientError);
        assert.equal(failed?.attempts, 1);
        assert.deepEqual(await claimAt(ctx.stores.events, 29), []);
        const retried = await claimAt(ctx.stores.events, 30);
        assert.deepEqual(ids(retried), ['e1']);
        assert.equal(retried[0]?.attempts, 2);
      });

      it('dead-letters a failure without a retry time; a dead event is never claimed', async () => {
        await appendAll(ctx.stores.events, [['e1', 'lead-1']]);
        await claimAt(ctx.stores.events, 10);
        await ctx.stores.events.fail(ws, 'e1', validationError, null, at(11));
        const dead = await ctx.stores.events.get(ws, 'e1');
        assert.equal(dead?.status, 'dead');
        assert.equal(dead?.next_attempt_at, null);
        assert.deepEqual(await claimAt(ctx.stores.events, 1000), []);
      });

      it('completes several events at once with the given end status', async () => {
        await appendAll(ctx.stores.events, [['e1', 'lead-1'], ['e2', 'lead-2']]);
        await claimAt(ctx.stores.events, 10);
        await ctx.stores.events.complete(ws, ['e1', 'e2'], 'synced', at(11));
        const counts = await ctx.stores.events.countByStatus(ws);
        assert.equal(counts.synced, 2);
        assert.equal((await ctx.stores.events.get(ws, 'e2'))?.updated_at, at(11));
      });

      it('releases a claimed event back to pending without counting the attempt', async () => {
        await appendAll(ctx.stores.events, [['e1', 'lead-1']]);
        await claimAt(ctx.stores.events, 10);
        await ctx.stores.events.release(ws, ['e1'], at(11));
        const released = await ctx.stores.events.get(ws, 'e1');
        assert.equal(released?.status, 'pending');
        assert.equal(released?.attempts, 0);
        assert.deepEqual(ids(await claimAt(ctx.stores.events, 12)), ['e1']);
      });

      it('replays a dead letter: release makes it pending with a fresh attempt count, and it is claimed again', async () => {
        await appendAll(ctx.stores.events, [['e1', 'lead-1']]);
        await claimAt(ctx.stores.events, 10);
        await claimAt(ctx.stores.events, 15);
        await ctx.stores.events.fail(ws, 'e1', validationError, null, at(16));
        await ctx.stores.events.release(ws, ['e1'], at(20));
        const replayed = await ctx.stores.events.get(ws, 'e1');
        assert.equal(replayed?.status, 'pending');
        assert.equal(replayed?.attempts, 0);
        assert.deepEqual(ids(await claimAt(ctx.stores.events, 21)), ['e1']);
      });

      it('leaves a pending event as it is when released', async () => {
        await appendAll(ctx.stores.events, [['e1', 'lead-1']]);
        await ctx.stores.events.release(ws, ['e1'], at(11));
        const event = await ctx.stores.events.get(ws, 'e1');
        assert.equal(event?.updated_at, at(0));
      });
    });

    describe('queries', () => {
      it('counts events by every status, zero included', async () => {
        await appendAll(ctx.stores.events, [['e1', 'lead-1'], ['e2', 'lead-2'], ['e3', 'lead-3']]);
        await claimAt(ctx.stores.events, 10, 2);
        await ctx.stores.events.fail(ws, 'e2', validationError, null, at(11));
        assert.deepEqual(await ctx.stores.events.countByStatus(ws), { pending: 1, processing: 1, synced: 0, skipped: 0, failed: 0, dead: 1 });
      });

      it('reports the oldest unfinished event, ignoring ended and dead ones', async () => {
        assert.equal(await ctx.stores.events.oldestPendingAt(ws), null);
        await appendAll(ctx.stores.events, [['e1', 'lead-1'], ['e2', 'lead-2'], ['e3', 'lead-3']]);
        await claimAt(ctx.stores.events, 10, 2);
        await ctx.stores.events.complete(ws, ['e1'], 'synced', at(11));
        await ctx.stores.events.fail(ws, 'e2', validationError, null, at(11));
        assert.equal(await ctx.stores.events.oldestPendingAt(ws), at(2));
      });

      it('lists newest first and pages through every event exactly once', async () => {
        await appendAll(ctx.stores.events, [['e1', 'lead-1'], ['e2', 'lead-2'], ['e3', 'lead-3'], ['e4', 'lead-4'], ['e5', 'lead-5']]);
        const pages = await allPages((cursor) => ctx.stores.events.list(ws, {}, { limit: 2, cursor }));
        assert.deepEqual(pages.map(ids), [['e5', 'e4'], ['e3', 'e2'], ['e1']]);
      });

      it('filters the list by status and by lead', async () => {
        await appendAll(ctx.stores.events, [['e1', 'lead-1'], ['e2', 'lead-2'], ['e3', 'lead-1']]);
        await claimAt(ctx.stores.events, 10, 1);
        await ctx.stores.events.fail(ws, 'e1', validationError, null, at(11));
        assert.deepEqual(ids((await ctx.stores.events.list(ws, { status: 'dead' }, { limit: 10 })).items), ['e1']);
        assert.deepEqual(ids((await ctx.stores.events.list(ws, { lead_id: 'lead-1' }, { limit: 10 })).items), ['e3', 'e1']);
        assert.deepEqual(ids((await ctx.stores.events.list(ws, { lead_id: 'lead-1', status: 'pending' }, { limit: 10 })).items), ['e3']);
      });

      it('filters the list by event type in the query, so every page but the last is full', async () => {
        const journal: Array<[eventId: string, meeting: boolean]> = [
          ['m1', true], ['l1', false], ['l2', false], ['m2', true], ['l3', false], ['m3', true], ['l4', false], ['l5', false], ['m4', true], ['m5', true], ['l6', false],
        ];
        for (const [index, [eventId, meeting]] of journal.entries()) {
          const event = meeting ? meetingEvent(eventId, `lead-${index}`) : leadEvent(eventId, `lead-${index}`);
          await ctx.stores.events.append(ws, event, at(index));
        }
        const pages = await allPages((cursor) => ctx.stores.events.list(ws, { type: 'meeting.booked' }, { limit: 2, cursor }));
        assert.deepEqual(pages.map(ids), [['m5', 'm4'], ['m3', 'm2'], ['m1']]);
        assert.ok(pages.flat().every((event) => event.type === 'meeting.booked'));
      });

      it('combines the type filter with the status and lead filters', async () => {
        await ctx.stores.events.append(ws, meetingEvent('m1', 'lead-1'), at(0));
        await ctx.stores.events.append(ws, leadEvent('l1', 'lead-1'), at(1));
        await ctx.stores.events.append(ws, meetingEvent('m2', 'lead-2'), at(2));
        await ctx.stores.events.append('globex', meetingEvent('m3', 'lead-1'), at(3));
        await claimAt(ctx.stores.events, 10, 1);
        const list = async (filter: Parameters<EventStore['list']>[1]) => ids((await ctx.stores.events.list(ws, filter, { limit: 10 })).items);
        assert.deepEqual(await list({ type: 'meeting.booked', lead_id: 'lead-1' }), ['m1']);
        assert.deepEqual(await list({ type: 'meeting.booked', status: 'pending' }), ['m2']);
        assert.deepEqual(await list({ type: 'lead.updated' }), []);
      });

      it('rejects a cursor it did not make with request.invalid', async () => {
        await assert.rejects(ctx.stores.events.list(ws, {}, { limit: 2, cursor: 'not-a-cursor' }), (error: unknown) => {
          return error instanceof SyncError && error.code === 'request.invalid';
        });
      });
    });

    describe('prune', () => {
      it('deletes ended events received before the cutoff and keeps unfinished, dead and newer ones', async () => {
        await appendAll(ctx.stores.events, [['old-synced', 'l1'], ['old-skipped', 'l2'], ['old-dead', 'l3'], ['old-pending', 'l4'], ['new-synced', 'l5']]);
        await claimAt(ctx.stores.events, 10, 3);
        await ctx.stores.events.complete(ws, ['old-synced'], 'synced', at(11));
        await ctx.stores.events.complete(ws, ['old-skipped'], 'skipped', at(11));
        await ctx.stores.events.fail(ws, 'old-dead', validationError, null, at(11));
        await claimAt(ctx.stores.events, 12, 2);
        await ctx.stores.events.complete(ws, ['new-synced'], 'synced', at(13));
        const pruned = await ctx.stores.events.prune(at(4));
        assert.equal(pruned, 2);
        const left = (await ctx.stores.events.list(ws, {}, { limit: 10 })).items;
        assert.deepEqual(ids(left).sort(), ['new-synced', 'old-dead', 'old-pending']);
      });
    });
  });
}
