import assert from 'node:assert/strict';
import { leadView } from '../fixtures';
import { appTester, bundleWith, performOf, messageOf, relay, relayError, rejectionOf, useNock } from '../helpers';

const perform = performOf<Record<string, unknown>>('creates', 'update_lead');

describe('Zapier Update Lead', () => {
  useNock();

  it('patches only the fields given', async () => {
    relay().patch('/v1/leads/lead_01HZX3', { title: 'CEO', company: { industry: 'Hardware' } }).reply(200, leadView({ title: 'CEO' }));
    const result = await appTester(perform, bundleWith({ inputData: { lead_id: 'lead_01HZX3', title: 'CEO', company_industry: 'Hardware', email: '' } }));
    assert.equal((result as { title: string }).title, 'CEO');
  });

  it('fails with the relay\'s message for an unknown lead', async () => {
    relay().patch('/v1/leads/lead_nope').reply(404, relayError('not_found', 'There is no lead "lead_nope" in this workspace.'));
    const error = await rejectionOf(appTester(perform, bundleWith({ inputData: { lead_id: 'lead_nope', title: 'CEO' } })));
    assert.match(messageOf(error), /There is no lead "lead_nope"/);
  });
});
