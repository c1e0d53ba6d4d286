import assert from 'node:assert/strict';
import request from 'supertest';
import { SyncError } from '@synaptiq/shared';
import { StandardWebhook } from '@synaptiq/shared/webhooks/standard-webhook';
import { rawEvent } from '../../fixtures/events/load-event';
import { bearer } from '../support/test-relay';
import { createHooksRelay } from './support/hooks-relay';
import type { HooksRelay } from './support/hooks-relay';
import { startSubscriber } from './support/subscriber';
import type { ReceivedHook, Subscriber } from './support/subscriber';

/** Checks a received hook with the subscriber's secret (as a subscriber would) and returns its JSON body. */
function verified(hook: ReceivedHook | undefined, secret: string, relay: HooksRelay): { type: string; timestamp: string; data: Record<string, unknown> } {
  assert.ok(hook, 'the subscriber received nothing');
  new StandardWebhook(secret, { clock: relay.clock }).verify(hook.body, hook.headers as Record<string, string>);
  return JSON.parse(hook.body) as { type: string; timestamp: string; data: Record<string, unknown> };
}

describe('outbound hooks end to end', () => {
  let relay: HooksRelay;
  let subscriber: Subscriber;

  beforeEach(async () => {
    subscriber = await startSubscriber();
  });
  afterEach(async () => {
    await relay.hooks.worker.stop();
    await subscriber.close();
  });

  /** Ingests a fixture event, syncs it to the memory CRM, then delivers the hooks it caused. */
  async function ingestAndDeliver(type: Parameters<typeof rawEvent>[0]): Promise<void> {
    await relay.ingest(rawEvent(type) as { id: string });
    await relay.sync.syncNow('acme');
    await relay.hooks.worker.runDue();
  }

  it('delivers lead.created signed with the subscription secret, carrying the lead as GET /v1/leads/:id shows it', async () => {
    relay = await createHooksRelay();
    const { secret } = await relay.subscribe('lead.created', subscriber.url);
    await ingestAndDeliver('lead.created');
    const message = verified(subscriber.received[0], secret, relay);
    const lead = await request(relay.app).get('/v1/leads/lead_01HZX3').set('authorization', bearer(relay.apiKey));
    assert.equal(message.type, 'lead.created');
    assert.deepEqual(message.data, lead.body);
  });

  it('sends lead.created after the sync, so the lead already carries its CRM contact', async () => {
    relay = await createHooksRelay();
    const { secret } = await relay.subscribe('lead.created', subscriber.url);
    await ingestAndDeliver('lead.created');
    const { data } = verified(subscriber.received[0], secret, relay);
    const [contact] = relay.memoryCrm.records('contact');
    assert.equal((data.crm as { contact: { id: string } }).contact.id, contact?.id);
  });

  it('uses the message id as webhook-id and a timestamp the subscriber can check', async () => {
    relay = await createHooksRelay();
    await relay.subscribe('lead.created', subscriber.url);
    await ingestAndDeliver('lead.created');
    const hook = subscriber.received[0];
    assert.match(String(hook?.headers['webhook-id']), /^msg_[0-9a-f]{32}$/);
    assert.equal(hook?.headers['webhook-timestamp'], String(Math.floor(relay.clock.now() / 1000)));
    assert.equal(hook?.headers['content-type'], 'application/json');
  });

  it('delivers lead.qualified with the lead', async () => {
    relay = await createHooksRelay();
    const { secret } = await relay.subscribe('lead.qualified', subscriber.url);
    await ingestAndDeliver('lead.qualified');
    const message = verified(subscriber.received[0], secret, relay);
    assert.equal(message.type, 'lead.qualified');
    assert.equal(message.data.qualification_status, 'qualified');
  });

  it('delivers meeting.booked with the meeting id, the lead and the meeting', async () => {
    relay = await createHooksRelay();
    const { secret } = await relay.subscribe('meeting.booked', subscriber.url);
    await ingestAndDeliver('meeting.booked');
    const { type, data } = verified(subscriber.received[0], secret, relay);
    const fixture = rawEvent('meeting.booked') as { data: { meeting: Record<string, unknown> } };
    assert.equal(type, 'meeting.booked');
    assert.equal(data.id, 'mtg_77c');
    assert.equal((data.lead as { id: string }).id, 'lead_01HZX3');
    assert.deepEqual(data.meeting, fixture.data.meeting);
  });

  it('delivers lead.synced after the CRM write, with the CRM ids and record links', async () => {
    relay = await createHooksRelay();
    const { secret } = await relay.subscribe('lead.synced', subscriber.url);
    await ingestAndDeliver('lead.created');
    const { type, data } = verified(subscriber.received[0], secret, relay);
    const [contact] = relay.memoryCrm.records('contact');
    const crm = data.crm as { contact: { id: string; url: string | null } };
    assert.equal(type, 'lead.synced');
    assert.equal(crm.contact.id, contact?.id);
    assert.equal(crm.contact.url, relay.memoryCrm.recordUrl('contact', contact?.id ?? ''));
  });

  it('delivers sync.failed with the record type, error, retry count and log entry id', async () => {
    relay = await createHooksRelay();
    const { secret } = await relay.subscribe('sync.failed', subscriber.url);
    relay.memoryCrm.failNextCall('upsertRecords', new SyncError('crm.transient', 'The CRM answered 502.'));
    await ingestAndDeliver('lead.created');
    const { type, data } = verified(subscriber.received[0], secret, relay);
    const [entry] = (await relay.stores.syncLog.list('acme', { status: 'failed' }, { limit: 1 })).items;
    assert.equal(type, 'sync.failed');
    assert.deepEqual(data, {
      id: entry?.id,
      lead_id: 'lead_01HZX3',
      event_id: 'evt_01_created',
      record_type: entry?.record_type,
      error: { code: 'crm.transient', message: 'The CRM answered 502.' },
      retry_count: 0,
      at: entry?.at,
    });
  });

  it('delivers lead.crm_updated emitted by two-way sync, with the changes', async () => {
    relay = await createHooksRelay();
    const { secret } = await relay.subscribe('lead.crm_updated', subscriber.url);
    await ingestAndDeliver('lead.created');
    const lead = await request(relay.app).get('/v1/leads/lead_01HZX3').set('authorization', bearer(relay.apiKey));
    const changes = [{ field: 'owner', from: null, to: 'Grace Hopper' }];
    await relay.hooks.emitHookEvent('acme', 'lead.crm_updated', { ...lead.body, changes });
    await relay.hooks.worker.runDue();
    const { type, data } = verified(subscriber.received[0], secret, relay);
    assert.equal(type, 'lead.crm_updated');
    assert.deepEqual(data, { ...lead.body, changes });
  });

  it('builds lead.crm_updated from the lead id for two-way sync, once per source', async () => {
    relay = await createHooksRelay();
    const { secret } = await relay.subscribe('lead.crm_updated', subscriber.url);
    await ingestAndDeliver('lead.created');
    const changes = [{ field: 'qualification_status', from: 'new', to: 'qualified' }];
    assert.equal(await relay.hooks.emitLeadCrmUpdated('acme', 'lead_01HZX3', changes, 'contact:51@2026-11-24T16:00:00Z'), 1);
    assert.equal(await relay.hooks.emitLeadCrmUpdated('acme', 'lead_01HZX3', changes, 'contact:51@2026-11-24T16:00:00Z'), 1);
    await relay.hooks.worker.runDue();
    const lead = await request(relay.app).get('/v1/leads/lead_01HZX3').set('authorization', bearer(relay.apiKey));
    assert.equal(subscriber.received.length, 1);
    assert.deepEqual(verified(subscriber.received[0], secret, relay).data, { ...lead.body, changes });
  });

  it('sends no lead.crm_updated for an unknown lead', async () => {
    relay = await createHooksRelay();
    await relay.subscribe('lead.crm_updated', subscriber.url);
    assert.equal(await relay.hooks.emitLeadCrmUpdated('acme', 'lead_nope', []), 0);
  });

  it('sends nothing for events nobody subscribed to', async () => {
    relay = await createHooksRelay();
    await relay.subscribe('meeting.booked', subscriber.url);
    await ingestAndDeliver('lead.created');
    assert.equal(subscriber.received.length, 0);
  });

  it('delivers to every subscription of one event, each signed with its own secret', async () => {
    relay = await createHooksRelay();
    const first = await relay.subscribe('lead.created', `${subscriber.url}?n=1`);
    const second = await relay.subscribe('lead.created', `${subscriber.url}?n=2`);
    await ingestAndDeliver('lead.created');
    assert.equal(subscriber.received.length, 2);
    const secrets = [first.secret, second.secret];
    for (const hook of subscriber.received) {
      const verifiedBy = secrets.filter((secret) => {
        try {
          new StandardWebhook(secret, { clock: relay.clock }).verify(hook.body, hook.headers as Record<string, string>);
          return true;
        } catch {
          return false;
        }
      });
      assert.equal(verifiedBy.length, 1);
    }
  });

  it('sends a hook once even when the same batch outcome is reported again', async () => {
    relay = await createHooksRelay();
    await relay.subscribe('lead.created', subscriber.url);
    await ingestAndDeliver('lead.created');
    const settled = await relay.stores.events.get('acme', 'evt_01_created');
    assert.ok(settled);
    const workspace = await relay.stores.config.getWorkspace('acme');
    assert.ok(workspace);
    await relay.hooks.onSettled({ workspace, at: settled.updated_at, entries: [], events: [{ event: settled, result: { event_id: settled.event_id, lead_id: settled.lead_id, status: 'synced' }, operations: [], error: null }] });
    await relay.hooks.worker.runDue();
    assert.equal(subscriber.received.length, 1);
  });
});
