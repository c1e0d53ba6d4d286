import assert from 'node:assert/strict';
import { leadView, page } from '../fixtures';
import { appTester, bundleWith, hookSecret, performOf, signedDelivery, messageOf, relay, relayError, rejectionOf, useNock } from '../helpers';

const operationOf = (key: string) => ({
  performSubscribe: performOf<{ id: string }>('triggers', key, 'performSubscribe'),
  performUnsubscribe: performOf('triggers', key, 'performUnsubscribe'),
  perform: performOf('triggers', key, 'perform'),
  performList: performOf('triggers', key, 'performList'),
});

const meetingBooked = {
  id: 'mtg_1',
  lead: leadView(),
  meeting: { id: 'mtg_1', title: 'Demo', starts_at: '2026-11-27T14:00:00+00:00', ends_at: '2026-11-27T14:30:00+00:00', status: 'booked' },
};
const syncFailure = {
  id: 'log_1',
  lead_id: 'lead_01HZX3',
  event_id: 'evt_1',
  record_type: 'contact',
  error: { code: 'crm.validation', message: 'The CRM rejected a value.' },
  retry_count: 2,
  at: '2026-11-24T15:05:12.000Z',
};

const hookTriggers = [
  { key: 'new_lead', event: 'lead.created', data: leadView() },
  { key: 'new_qualified_lead', event: 'lead.qualified', data: leadView() },
  { key: 'new_meeting_booked', event: 'meeting.booked', data: meetingBooked },
  { key: 'lead_synced', event: 'lead.synced', data: leadView() },
  { key: 'sync_failed', event: 'sync.failed', data: syncFailure },
];

describe('Zapier instant triggers (REST hooks)', () => {
  useNock();
  const targetUrl = 'https://hooks.zapier.com/hooks/standard/123/abc/';

  for (const { key, event, data } of hookTriggers) {
    describe(key, () => {
      it(`subscribes this Zap's URL to ${event}`, async () => {
        relay()
          .post('/v1/hooks', { target_url: targetUrl, event })
          .reply(201, { id: 'hook_1', event, target_url: targetUrl, secret: hookSecret, status: 'active', created_at: '2026-11-24T15:00:00Z' });
        const subscription = await appTester(operationOf(key).performSubscribe, bundleWith({ targetUrl }));
        assert.equal(subscription.id, 'hook_1');
      });

      it('unsubscribes the hook it made', async () => {
        relay().delete('/v1/hooks/hook_1').reply(204);
        const result = await appTester(operationOf(key).performUnsubscribe, bundleWith({ subscribeData: { id: 'hook_1' } }));
        assert.deepEqual(result, { id: 'hook_1', removed: true });
      });

      it('passes the signed delivery\'s data to the Zap as one item', async () => {
        const items = await appTester(operationOf(key).perform, bundleWith(signedDelivery({ type: event, data })));
        assert.deepEqual(items, [data]);
      });

      it('rejects a signed delivery that is not this event\'s payload', async () => {
        const error = await rejectionOf(appTester(operationOf(key).perform, bundleWith(signedDelivery({ type: event, data: { hello: 'world' } }))));
        assert.match(messageOf(error), /unexpected shape/);
      });
    });
  }

  describe('delivery signatures', () => {
    const perform = operationOf('new_lead').perform;

    it('ignores a delivery signed with another secret', async () => {
      const forged = signedDelivery({ type: 'lead.created', data: leadView() }, hookSecret, { signWith: 'whsec_c2VjcmV0LW9mLXNvbWVvbmUtZWxzZQ==' });
      const error = await rejectionOf(appTester(perform, bundleWith(forged)));
      assert.equal(error.name, 'HaltedError');
      assert.match(error.message, /did not sign/);
    });

    it('ignores a delivery whose body was changed after signing', async () => {
      const delivery = signedDelivery({ type: 'lead.created', data: leadView() });
      const tampered = { ...delivery, rawRequest: { ...delivery.rawRequest, content: delivery.rawRequest.content.replace('Ada', 'Eve') } };
      const error = await rejectionOf(appTester(perform, bundleWith(tampered)));
      assert.equal(error.name, 'HaltedError');
    });

    it('ignores an unsigned delivery', async () => {
      const error = await rejectionOf(appTester(perform, bundleWith({ subscribeData: { id: 'hook_1' }, cleanedRequest: { type: 'lead.created', data: leadView() } })));
      assert.equal(error.name, 'HaltedError');
    });

    it('rejects another event delivered to this trigger', async () => {
      const error = await rejectionOf(appTester(perform, bundleWith(signedDelivery({ type: 'lead.qualified', data: leadView() }))));
      assert.match(messageOf(error), /lead\.qualified hook where lead\.created was expected/);
    });
  });

  it('treats a hook the relay already removed as unsubscribed', async () => {
    relay().delete('/v1/hooks/hook_gone').reply(404, relayError('not_found', 'There is no hook "hook_gone".'));
    const result = await appTester(operationOf('new_lead').performUnsubscribe, bundleWith({ subscribeData: { id: 'hook_gone' } }));
    assert.deepEqual(result, { id: 'hook_gone', removed: false });
  });

  it('reports a relay failure while unsubscribing', async () => {
    relay().delete('/v1/hooks/hook_1').reply(500, relayError('internal', 'The relay could not remove the hook; try again.'));
    const error = await rejectionOf(appTester(operationOf('new_lead').performUnsubscribe, bundleWith({ subscribeData: { id: 'hook_1' } })));
    assert.match(messageOf(error), /could not remove the hook/);
  });

  it('refuses to subscribe without a target URL', async () => {
    await rejectionOf(appTester(operationOf('new_lead').performSubscribe, bundleWith()));
  });

  describe('performList (the sample a user tests with, shaped like the hook payload)', () => {
    it('lists New Lead from the newest leads', async () => {
      const leads = [leadView({ id: 'lead_2' }), leadView({ id: 'lead_1' })];
      relay().get('/v1/leads').query({ limit: '100' }).reply(200, page(leads, 'next'));
      assert.deepEqual(await appTester(operationOf('new_lead').performList, bundleWith()), leads);
    });

    it('lists New Qualified Lead from the qualified leads only', async () => {
      relay().get('/v1/leads').query({ limit: '100', status: 'qualified' }).reply(200, page([leadView()]));
      assert.deepEqual(await appTester(operationOf('new_qualified_lead').performList, bundleWith()), [leadView()]);
    });

    it('lists Lead Synced from the leads that have a CRM contact', async () => {
      const synced = leadView({ id: 'lead_synced' });
      const pending = leadView({ id: 'lead_pending', crm: { provider: 'hubspot', contact: null, company: null, deal: null } });
      relay().get('/v1/leads').query({ limit: '100' }).reply(200, page([pending, synced]));
      assert.deepEqual(await appTester(operationOf('lead_synced').performList, bundleWith()), [synced]);
    });

    it('lists Sync Failed from the failed sync-log entries, reshaped to the hook payload', async () => {
      const entry = { ...syncFailure, error: { ...syncFailure.error, details: {} }, action: 'create', status: 'failed', crm_id: null, crm_url: null, message: null };
      relay().get('/v1/sync-log').query({ status: 'failed', limit: '100' }).reply(200, page([entry]));
      assert.deepEqual(await appTester(operationOf('sync_failed').performList, bundleWith()), [syncFailure]);
    });

    it('lists New Meeting Booked from the relay\'s meetings, already shaped like the hook payload', async () => {
      const older = { ...meetingBooked, id: 'mtg_0', meeting: { ...meetingBooked.meeting, id: 'mtg_0' } };
      relay().get('/v1/meetings').query({ limit: '100' }).reply(200, page([meetingBooked, older], 'next'));
      assert.deepEqual(await appTester(operationOf('new_meeting_booked').performList, bundleWith()), [meetingBooked, older]);
    });

    it('lists nothing for New Meeting Booked when no meeting was booked yet, so Zapier offers the sample', async () => {
      relay().get('/v1/meetings').query({ limit: '100' }).reply(200, page([]));
      assert.deepEqual(await appTester(operationOf('new_meeting_booked').performList, bundleWith()), []);
    });

    it('fails with the relay\'s message when the list call fails', async () => {
      relay().get('/v1/leads').query(true).reply(503, relayError('internal', 'The relay is starting; try again in a minute.'));
      const error = await rejectionOf(appTester(operationOf('new_lead').performList, bundleWith()));
      assert.match(messageOf(error), /The relay is starting/);
    });
  });
});
