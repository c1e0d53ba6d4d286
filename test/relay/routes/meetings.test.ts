import assert from 'node:assert/strict';
import request from 'supertest';
import { z } from 'zod';
import { meetingBookedSchema } from '@synaptiq/shared';
import type { Stores } from '@synaptiq/shared';
import { loadEvent } from '../../fixtures/events/load-event';
import { createMemoryStores, openSqliteStores } from '../../../relay/src/stores';
import { newWorkspace } from '../../../relay/src/services/new-workspace';
import { bearer, createTestRelay } from '../support/test-relay';

const at = '2026-11-24T15:00:00.000Z';
const pageSchema = z.object({ data: z.array(meetingBookedSchema.strict()), next_cursor: z.string().nullable() });

/** Memory stores, or SQLite event/lead/link stores behind the memory config (the type filter is the stores'). */
const storeKinds: Array<{ name: string; open(): Stores }> = [
  { name: 'memory', open: () => createMemoryStores() },
  { name: 'SQLite', open: () => ({ ...createMemoryStores(), ...openSqliteStores(':memory:'), close: async () => {} }) },
];

/** A relay with one workspace ("acme") on the given stores; `book` journals a meeting.booked event for a known lead. */
async function relayOn(stores: Stores, workspaceId = 'acme') {
  const relay = createTestRelay({ stores });
  const created = newWorkspace({ id: workspaceId, name: workspaceId, at }, relay.secrets);
  await stores.config.saveWorkspace(created.workspace);
  const book = async (eventId: string, meetingId: string, leadId = 'lead_m1') => {
    const event = loadEvent('meeting.booked', { id: leadId });
    const booked = { ...event, id: eventId, data: { ...event.data, meeting: { ...event.data.meeting, id: meetingId } } };
    await stores.events.append(workspaceId, booked, at);
    await stores.leads.upsert(workspaceId, booked.data.lead, at);
  };
  const get = async (query = '') => request(relay.app).get(`/v1/meetings${query}`).set('authorization', bearer(created.apiKey));
  return { relay, book, get };
}

describe('GET /v1/meetings', () => {
  for (const kind of storeKinds) {
    it(`lists only meeting.booked events, newest first, each shaped like the hook's data (${kind.name} stores)`, async () => {
      const stores = kind.open();
      const { book, get } = await relayOn(stores);
      await book('evt_m1', 'mtg_1');
      await stores.events.append('acme', loadEvent('lead.qualified', { id: 'lead_m1' }), at);
      await book('evt_m2', 'mtg_2');

      const answer = await get();
      assert.equal(answer.status, 200);
      const page = pageSchema.parse(answer.body);
      assert.deepEqual(page.data.map((item) => item.id), ['mtg_2', 'mtg_1']);
      assert.equal(page.data[0]?.lead.id, 'lead_m1');
      assert.equal(page.data[0]?.meeting.id, 'mtg_2');
      // The store filters, not the route: the lead event journaled in between is not in the store's page.
      const types = (await stores.events.list('acme', { type: 'meeting.booked' }, { limit: 10 })).items.map((event) => event.type);
      assert.deepEqual(types, ['meeting.booked', 'meeting.booked']);
    });
  }

  it('pages with limit and the previous answer\'s cursor', async () => {
    const { book, get } = await relayOn(createMemoryStores());
    for (const n of [1, 2, 3]) await book(`evt_m${n}`, `mtg_${n}`);

    const first = pageSchema.parse((await get('?limit=2')).body);
    assert.deepEqual(first.data.map((item) => item.id), ['mtg_3', 'mtg_2']);
    assert.ok(first.next_cursor);
    const second = pageSchema.parse((await get(`?limit=2&cursor=${encodeURIComponent(first.next_cursor)}`)).body);
    assert.deepEqual(second.data.map((item) => item.id), ['mtg_1']);
    assert.equal(second.next_cursor, null);
  });

  it("never shows another workspace's meetings", async () => {
    const stores = createMemoryStores();
    const acme = await relayOn(stores, 'acme');
    const globex = await relayOn(stores, 'globex');
    await globex.book('evt_g1', 'mtg_globex');

    assert.deepEqual(pageSchema.parse((await acme.get()).body).data, []);
    assert.equal(pageSchema.parse((await globex.get()).body).data.length, 1);
  });

  it('leaves out a meeting whose lead the relay does not know, as the hook does', async () => {
    const stores = createMemoryStores();
    const { book, get } = await relayOn(stores);
    await book('evt_m1', 'mtg_1');
    await stores.events.append('acme', { ...loadEvent('meeting.booked', { id: 'lead_unknown' }), id: 'evt_orphan' }, at);

    assert.deepEqual(pageSchema.parse((await get()).body).data.map((item) => item.id), ['mtg_1']);
  });

  it('refuses a limit over 100 with request.invalid', async () => {
    const { get } = await relayOn(createMemoryStores());
    const answer = await get('?limit=101');
    assert.equal(answer.status, 422);
    assert.equal(answer.body.error.code, 'request.invalid');
  });
});
