import assert from 'node:assert/strict';
import { appTester, bundleWith, performOf, messageOf, relay, relayError, rejectionOf, useNock } from '../helpers';

const perform = performOf<Record<string, unknown>>('creates', 'sync_now');

describe('Zapier Sync Now', () => {
  useNock();

  it('returns what was pushed, skipped and failed', async () => {
    const answer = { pushed: 3, skipped: 1, failed: 1, remaining: 0, results: [{ event_id: 'evt_1', lead_id: 'lead_1', status: 'synced' }] };
    relay().post('/v1/sync').reply(200, answer);
    assert.deepEqual(await appTester(perform, bundleWith()), answer);
  });

  it('fails with the relay\'s message when no CRM is connected', async () => {
    relay().post('/v1/sync').reply(409, relayError('crm.not_configured', 'No CRM is connected. Connect one at /admin/settings > CRM.'));
    const error = await rejectionOf(appTester(perform, bundleWith()));
    assert.equal(error.name, 'AppError');
    assert.match(messageOf(error), /No CRM is connected/);
  });
});
