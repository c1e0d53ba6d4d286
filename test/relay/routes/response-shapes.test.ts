import assert from 'node:assert/strict';
import request from 'supertest';
import type { z } from 'zod';
import { loadEvent } from '../../fixtures/events/load-event';
import { createdDealSchema, eventSummarySchema, leadViewSchema, meSchema, syncLogEntrySchema } from '../../../relay/src/routes/responses';
import { bearer, createTestRelay } from '../support/test-relay';

/** The OpenAPI document is built from these schemas: the answers must match them exactly, key for key. */
function assertShape(schema: z.ZodObject, value: unknown): void {
  schema.strict().parse(value);
  assert.deepEqual(Object.keys(value as object).sort(), Object.keys(schema.shape).sort());
}

describe('admin API answers match their documented schemas', () => {
  it('holds for me, leads, deals, the sync log and events', async () => {
    const relay = createTestRelay();
    const auth = bearer((await relay.addWorkspace()).apiKey);
    await request(relay.app).post('/v1/crm/properties').set('authorization', auth);
    const at = '2026-11-24T15:00:00.000Z';
    const event = loadEvent('lead.qualified');
    await relay.stores.events.append('acme', event, at);
    await relay.stores.leads.upsert('acme', event.data.lead, at);
    const contact = relay.crm('acme').seed('contact', { email: 'ada@analytical.example' });
    await relay.stores.links.put('acme', [{ key: `lead:${event.data.lead.id}:contact`, object_type: 'contact', crm_id: contact.id }]);

    assertShape(meSchema, (await request(relay.app).get('/v1/me').set('authorization', auth)).body);
    assertShape(leadViewSchema, (await request(relay.app).get(`/v1/leads/${event.data.lead.id}`).set('authorization', auth)).body);
    const deal = await request(relay.app).post('/v1/deals').set('authorization', auth).send({ lead_id: event.data.lead.id });
    assertShape(createdDealSchema, deal.body.deal);
    const [entry] = (await request(relay.app).get('/v1/sync-log').set('authorization', auth)).body.data;
    assertShape(syncLogEntrySchema, entry);
    const [summary] = (await request(relay.app).get('/v1/events').set('authorization', auth)).body.data;
    assertShape(eventSummarySchema, summary);
  });
});
