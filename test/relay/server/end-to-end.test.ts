import assert from 'node:assert/strict';
import request from 'supertest';
import { rawEvent } from '../../fixtures/events/load-event';
import type { EventType } from '@synaptiq/shared';
import { StandardWebhook } from '@synaptiq/shared/webhooks/standard-webhook';
import { startRelay } from '../../../relay/src/server';
import type { RunningRelay } from '../../../relay/src/server';
import { removeTestDataDirs, silentPino, testEnv } from '../support/relay-env';

const apiKey = 'sk_end_to_end_0123456789abcdefghijk';
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const auth = `Bearer ${apiKey}`;
const conversation: EventType[] = ['lead.created', 'lead.qualified', 'conversation.completed', 'meeting.booked'];

/** One lead's conversation through the real relay, the real adapters and SDKs, and the sandbox CRM. */
for (const provider of ['hubspot', 'salesforce'] as const) {
  describe(`end to end through the sandbox CRM (${provider})`, () => {
    let relay: RunningRelay;

    before(async () => {
      relay = await startRelay(testEnv({ RELAY_API_KEY: apiKey, WEBHOOK_SECRET: secret, CRM_PROVIDER: provider }), { logger: silentPino() });
      // Manual mode: nothing moves until Sync Now, so the test sees one deterministic run.
      // Salesforce's standard opportunity stages have no "Qualified Lead" (HubSpot's default stage name).
      const deals = provider === 'salesforce' ? { initial_stage: 'Qualification' } : {};
      const settings = await request(relay.url)
        .patch('/v1/settings')
        .set('authorization', auth)
        .send({ sync_mode: { mode: 'manual' }, salesforce: { opportunity_on: 'qualified' }, deal_creation: deals });
      assert.equal(settings.status, 200, JSON.stringify(settings.body));
    });
    after(async () => {
      await relay.close();
      removeTestDataDirs();
    });

    it('accepts the signed events of a conversation', async () => {
      const webhook = new StandardWebhook(secret);
      for (const type of conversation) {
        const event = rawEvent(type) as { id: string; data: { lead: Record<string, unknown> } };
        delete (event.data.lead.company as Record<string, unknown> | undefined)?.industry;
        const body = JSON.stringify(event);
        const res = await request(relay.url).post('/v1/workspaces/default/webhooks/synaptiq').set({ 'content-type': 'application/json', ...webhook.headers(event.id, body) }).send(body);
        assert.equal(res.status, 202, JSON.stringify(res.body));
      }
    });

    it('writes them all on Sync Now', async () => {
      const res = await request(relay.url).post('/v1/sync').set('authorization', auth);
      assert.equal(res.status, 200);
      assert.deepEqual({ pushed: res.body.pushed, failed: res.body.failed, remaining: res.body.remaining }, { pushed: 4, failed: 0, remaining: 0 }, JSON.stringify(res.body));
    });

    it('shows the lead with its contact, company and deal in the CRM', async () => {
      const leadId = (rawEvent('lead.created') as { data: { lead: { id: string } } }).data.lead.id;
      const res = await request(relay.url).get(`/v1/leads/${leadId}`).set('authorization', auth);
      assert.equal(res.status, 200);
      assert.equal(res.body.crm.provider, provider);
      for (const record of ['contact', 'company', 'deal'] as const) assert.ok(res.body.crm[record]?.id, `${record} is linked`);
    });

    it('put a contact, company, deal, note and meeting into the sandbox', () => {
      const records = relay.sandbox?.inspect().records[provider] ?? {};
      const names = provider === 'hubspot' ? ['contacts', 'companies', 'deals', 'notes', 'meetings'] : ['Lead', 'Account', 'Opportunity', 'Task', 'Event'];
      for (const name of names) assert.ok((records[name] ?? 0) >= 1, `${name}: ${JSON.stringify(records)}`);
    });

    it('logs every write as a success, also as CSV', async () => {
      const log = await request(relay.url).get('/v1/sync-log?limit=100').set('authorization', auth);
      assert.ok(log.body.data.length >= 5);
      assert.deepEqual(log.body.data.filter((entry: { status: string }) => entry.status === 'failed'), []);
      const csv = await request(relay.url).get('/v1/sync-log.csv').set('authorization', auth);
      assert.equal(csv.text.trim().split('\r\n').length, log.body.data.length + 1);
    });
  });
}
