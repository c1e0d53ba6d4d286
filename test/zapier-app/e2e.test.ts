import assert from 'node:assert/strict';
import { startRelay } from '../../relay/src/server';
import type { RunningRelay } from '../../relay/src/server';
import { removeTestDataDirs, silentPino, testEnv } from '../relay/support/relay-env';
import { startSubscriber } from '../relay/hooks/support/subscriber';
import type { ReceivedHook, Subscriber } from '../relay/hooks/support/subscriber';
import { rawEvent } from '../fixtures/events/load-event';
import { StandardWebhook } from '@synaptiq/shared/webhooks/standard-webhook';
import { authentication } from '../../zapier-app/src/authentication';
import { appTester, bundleWith, performOf, rejectionOf } from './helpers';

const apiKey = 'sk_zapier_end_to_end_0123456789abcdef';
const webhookSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const leadEmail = 'grace.hopper@cobol.example';

type Row = Record<string, unknown>;
type Found = { id: string; label: string };

/** A received delivery as Zapier hands it to perform: headers as "Http-Webhook-Id", the body as content. */
const asZapierRawRequest = (hook: ReceivedHook) => ({
  method: 'POST' as const,
  headers: Object.fromEntries(
    Object.entries(hook.headers).map(([name, value]) => [`Http-${name.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('-')}`, String(value)]),
  ),
  content: hook.body,
});

/** Waits for the relay's delivery worker (it runs on its own schedule) to reach the subscriber. */
/** Posts a signed webhook to the relay's default workspace and expects it stored (202). */
async function sendSignedEvent(relayUrl: string, event: { id: string }): Promise<void> {
  const body = JSON.stringify(event);
  const ingest = await fetch(`${relayUrl}/v1/workspaces/default/webhooks/synaptiq`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...new StandardWebhook(webhookSecret).headers(event.id, body) },
    body,
  });
  assert.equal(ingest.status, 202, await ingest.text());
}

async function firstDelivery(subscriber: Subscriber, deadlineMs = 10_000): Promise<ReceivedHook> {
  const until = Date.now() + deadlineMs;
  while (subscriber.received.length === 0) {
    if (Date.now() > until) throw new Error('the relay delivered no hook to the subscriber');
    await new Promise((done) => setTimeout(done, 20));
  }
  return subscriber.received[0]!;
}

/**
 * The app tester against a real relay started in-process (real HubSpot adapter and SDK) writing to the sandbox
 * CRM: the Zap steps a user would build, in order, checked in the sandbox's own API.
 */
describe('Zapier app end to end (relay + sandbox CRM, HubSpot)', function () {
  this.timeout(30_000);
  let relay: RunningRelay;
  let leadId: string;
  let deal: Row;

  const bundle = (inputData: Row = {}, extra: Parameters<typeof bundleWith>[0] = {}) => bundleWith({ authData: { relay_url: relay.url, api_key: apiKey }, inputData, ...extra });
  /** The sandbox's HubSpot API, as the CRM's own UI would show the records. */
  const sandboxCrm = async (path: string, body?: unknown): Promise<Row> => {
    const response = await fetch(`${relay.sandbox!.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: 'Bearer sandbox-inspection', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.equal(response.status, 200, `${path}: ${response.status}`);
    return (await response.json()) as Row;
  };
  const contactsWithEmail = async (email: string) =>
    ((await sandboxCrm('/crm/v3/objects/contacts/search', { filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: email }] }] })).results as Row[]);

  before(async () => {
    // Private targets allowed: the stand-in for Zapier's hook URL listens on 127.0.0.1.
    relay = await startRelay(testEnv({ RELAY_API_KEY: apiKey, WEBHOOK_SECRET: webhookSecret, CRM_PROVIDER: 'hubspot', HOOKS_ALLOW_PRIVATE_TARGETS: true }), { logger: silentPino() });
    // Batched mode with a long interval: nothing reaches the CRM until Sync Now.
    const settings = await fetch(`${relay.url}/v1/settings`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sync_mode: { mode: 'batched', interval_minutes: 1440 } }),
    });
    assert.equal(settings.status, 200, await settings.text());
  });
  after(async () => {
    await relay?.close();
    removeTestDataDirs();
  });

  it('connects with the relay URL and workspace key, labelled with the workspace name', async () => {
    const me = await appTester(authentication.test, bundle());
    const label = await appTester(authentication.connectionLabel, bundle(me));
    assert.equal(label, `${me.workspace.name} (hubspot)`);
  });

  it('Create Lead queues a lead in batched mode without writing to the CRM yet', async () => {
    const created = await appTester(performOf<Row>('creates', 'create_lead'), bundle({ name: 'Grace Hopper', email: leadEmail, company_name: 'COBOL Inc', company_domain: 'cobol.example', score: '64' }));
    leadId = String(created.id);
    assert.match(leadId, /^lead_/);
    assert.deepEqual(await contactsWithEmail(leadEmail), []);
  });

  it('Sync Now pushes the pending lead into the sandbox CRM', async () => {
    const result = await appTester(performOf<Row>('creates', 'sync_now'), bundle());
    assert.equal(result.failed, 0, JSON.stringify(result));
    assert.equal(result.remaining, 0);
    assert.ok(Number(result.pushed) >= 1, JSON.stringify(result));
    assert.equal((await contactsWithEmail(leadEmail)).length, 1);
  });

  it('Find Lead finds the synced lead by email, with its CRM contact link', async () => {
    const [found] = await appTester(performOf<Row[]>('searches', 'find_lead'), bundle({ email: leadEmail.toUpperCase() }));
    assert.equal(found?.id, leadId);
    const [contact] = await contactsWithEmail(leadEmail);
    assert.equal((found?.crm as { contact: { id: string } }).contact.id, contact?.id);
  });

  it('Create Deal writes a deal with the pipeline, stage and owner chosen from the dropdowns', async () => {
    const dropdown = (key: string, inputData: Row = {}) => appTester(performOf<Found[]>('triggers', key), bundle(inputData, { meta: { isFillingDynamicDropdown: true, page: 0 } }));
    const pipeline = (await dropdown('pipeline_list')).find((candidate) => candidate.label === 'Partner Pipeline');
    assert.ok(pipeline, 'the sandbox lists its second pipeline');
    const stages = await dropdown('stage_list', { pipeline_id: pipeline.id });
    const stage = stages[1];
    assert.ok(stage, 'the pipeline has a second stage');
    const owner = (await dropdown('owner_list')).find((candidate) => candidate.label.startsWith('Priya Patel'));
    assert.ok(owner, 'the sandbox lists its owners');
    const [lead] = (await dropdown('lead_list')).filter((candidate) => candidate.id === leadId);
    assert.ok(lead, 'the lead dropdown lists the new lead');

    deal = await appTester(performOf<Row>('creates', 'create_deal'), bundle({ lead_id: lead.id, pipeline_id: pipeline.id, stage_id: stage.id, owner_id: owner.id, amount: '12500', close_date: '2026-12-31T00:00:00+00:00' }));
    const stored = await sandboxCrm(`/crm/v3/objects/deals/${String(deal.id)}?properties=pipeline,dealstage,hubspot_owner_id,amount,closedate`);
    const properties = stored.properties as Row;
    assert.deepEqual(
      { pipeline: properties.pipeline, dealstage: properties.dealstage, owner: properties.hubspot_owner_id, amount: Number(properties.amount) },
      { pipeline: pipeline.id, dealstage: stage.id, owner: owner.id, amount: 12500 },
    );
  });

  it('Create Deal halts instead of making a second deal for the same lead', async () => {
    const error = await rejectionOf(appTester(performOf('creates', 'create_deal'), bundle({ lead_id: leadId })));
    assert.equal(error.name, 'HaltedError');
    assert.match(error.message, new RegExp(String(deal.id)));
  });

  it('New Meeting Booked lists a booked meeting from GET /v1/meetings, shaped like its hook payload', async () => {
    const event = rawEvent('meeting.booked') as { id: string; data: { lead: { id: string; company: Row }; meeting: { id: string } } };
    // The sandbox's HubSpot industry is an enumeration without "Software".
    delete event.data.lead.company.industry;
    await sendSignedEvent(relay.url, event);
    await appTester(performOf('creates', 'sync_now'), bundle());

    const [meeting] = await appTester(performOf<Row[]>('triggers', 'new_meeting_booked', 'performList'), bundle());
    assert.deepEqual(
      { id: meeting?.id, lead: (meeting?.lead as Row | undefined)?.id, meeting: (meeting?.meeting as Row | undefined)?.id },
      { id: event.data.meeting.id, lead: event.data.lead.id, meeting: event.data.meeting.id },
    );
  });

  describe('New Qualified Lead (instant)', () => {
    let subscriber: Subscriber;
    let subscription: { id: string; event: string; secret: string };

    before(async () => {
      subscriber = await startSubscriber();
    });
    after(async () => {
      await subscriber.close();
    });

    it('subscribes the Zap\'s hook URL on the relay', async () => {
      subscription = await appTester(performOf<typeof subscription>('triggers', 'new_qualified_lead', 'performSubscribe'), bundle({}, { targetUrl: subscriber.url }));
      assert.equal(subscription.event, 'lead.qualified');
      assert.match(subscription.secret, /^whsec_/);
    });

    it('a signed lead.qualified webhook reaches perform as the qualified lead with its CRM records', async () => {
      const event = rawEvent('lead.qualified') as { id: string; data: { lead: { id: string; email: string; company: Row } } };
      // The sandbox's HubSpot industry is an enumeration without "Software".
      delete event.data.lead.company.industry;
      await sendSignedEvent(relay.url, event);
      await appTester(performOf('creates', 'sync_now'), bundle());

      const delivery = await firstDelivery(subscriber);
      const [lead] = await appTester(performOf<Row[]>('triggers', 'new_qualified_lead'), bundle({}, { subscribeData: subscription, rawRequest: asZapierRawRequest(delivery) }));
      const [contact] = await contactsWithEmail(event.data.lead.email);
      assert.deepEqual(
        { id: lead?.id, email: lead?.email, status: lead?.qualification_status, contact: (lead?.crm as { contact: { id: string } | null }).contact?.id },
        { id: event.data.lead.id, email: event.data.lead.email, status: 'qualified', contact: contact?.id },
      );
    });

    it('unsubscribes, so the relay stops delivering to the Zap', async () => {
      const result = await appTester(performOf('triggers', 'new_qualified_lead', 'performUnsubscribe'), bundle({}, { subscribeData: subscription }));
      assert.deepEqual(result, { id: subscription.id, removed: true });
      const hooks = await fetch(`${relay.url}/v1/hooks`, { headers: { authorization: `Bearer ${apiKey}` } });
      assert.deepEqual(((await hooks.json()) as { data: Row[] }).data, []);
    });
  });
});
