import assert from 'node:assert/strict';
import http from 'node:http';
import { authentication } from '../../zapier-app/src/authentication';
import { appTester, bundleWith, messageOf, relay, relayError, relayUrl, rejectionOf, useNock } from './helpers';

const me = {
  workspace: { id: 'ws_acme', name: 'Acme Sales' },
  crm: { provider: 'hubspot', connected: true, account_name: 'Acme HubSpot', sandbox: false },
  sync_mode: { mode: 'realtime' },
  status: { paused: false, reason: null, since: null },
};

describe('Zapier authentication', () => {
  useNock();
  const { test } = authentication;

  it('tests the connection with GET /v1/me and the workspace key', async () => {
    relay().get('/v1/me').reply(200, me);
    const answer = await appTester(test, bundleWith());
    assert.equal(answer.workspace.name, 'Acme Sales');
  });

  it('leaves Node\'s http module unpatched, so a relay in the same process sends its hooks intact', async () => {
    relay().get('/v1/me').reply(200, me);
    await appTester(test, bundleWith());
    assert.equal(Object.hasOwn(http, 'patchedByZapier'), false);
  });

  it('accepts a relay URL with a trailing slash', async () => {
    relay().get('/v1/me').reply(200, me);
    const answer = await appTester(test, bundleWith({ authData: { relay_url: `${relayUrl}/`, api_key: 'sk_test_zapier_app' } }));
    assert.equal(answer.workspace.id, 'ws_acme');
  });

  it('asks to reconnect when the relay rejects the key', async () => {
    relay().get('/v1/me').reply(401, relayError('auth.invalid', 'The API key is not valid.'));
    const error = await rejectionOf(appTester(test, bundleWith()));
    assert.equal(error.name, 'ExpiredAuthError');
    assert.match(messageOf(error), /The API key is not valid\..*Reconnect/);
  });

  it('says what is wrong when the URL is not a relay', async () => {
    relay().get('/v1/me').reply(200, '<html>not a relay</html>', { 'content-type': 'text/html' });
    const error = await rejectionOf(appTester(test, bundleWith()));
    assert.match(messageOf(error), /unexpected shape/);
  });
});
