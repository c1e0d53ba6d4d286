import assert from 'node:assert/strict';
import { leadView, page } from '../fixtures';
import { appTester, bundleWith, performOf, messageOf, relay, relayError, rejectionOf, useNock } from '../helpers';

const perform = performOf<Array<Record<string, unknown>>>('searches', 'find_lead');

describe('Zapier Find Lead', () => {
  useNock();

  it('finds a lead by email', async () => {
    relay().get('/v1/leads').query({ email: 'ada@analytical.example', limit: '1' }).reply(200, page([leadView()]));
    assert.deepEqual(await appTester(perform, bundleWith({ inputData: { email: 'ada@analytical.example' } })), [leadView()]);
  });

  it('finds a lead by phone', async () => {
    relay().get('/v1/leads').query({ phone: '+44 20 7946 0958', limit: '1' }).reply(200, page([leadView()]));
    assert.equal((await appTester(perform, bundleWith({ inputData: { phone: '+44 20 7946 0958' } }))).length, 1);
  });

  it('finds a lead by id', async () => {
    relay().get('/v1/leads/lead_01HZX3').reply(200, leadView());
    assert.deepEqual(await appTester(perform, bundleWith({ inputData: { lead_id: 'lead_01HZX3' } })), [leadView()]);
  });

  it('answers [] when no lead has the email', async () => {
    relay().get('/v1/leads').query(true).reply(200, page([]));
    assert.deepEqual(await appTester(perform, bundleWith({ inputData: { email: 'nobody@example.com' } })), []);
  });

  it('answers [] for an unknown id instead of failing the step', async () => {
    relay().get('/v1/leads/lead_nope').reply(404, relayError('not_found', 'There is no lead "lead_nope".'));
    assert.deepEqual(await appTester(perform, bundleWith({ inputData: { lead_id: 'lead_nope' } })), []);
  });

  it('asks for something to search by', async () => {
    const error = await rejectionOf(appTester(perform, bundleWith({ inputData: { email: '  ' } })));
    assert.match(messageOf(error), /Email, Phone or Lead/);
  });

  it('still fails on an error other than "not found"', async () => {
    relay().get('/v1/leads/lead_01HZX3').reply(401, relayError('auth.invalid', 'The API key is not valid.'));
    const error = await rejectionOf(appTester(perform, bundleWith({ inputData: { lead_id: 'lead_01HZX3' } })));
    assert.equal(error.name, 'ExpiredAuthError');
  });
});
