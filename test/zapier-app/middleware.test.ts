import assert from 'node:assert/strict';
import { appTester, bundleWith, performOf, messageOf, relay, relayError, rejectionOf, useNock } from './helpers';

/** The error middleware, seen through one relay call (Sync Now: POST /v1/sync). */
describe('Zapier relay error middleware', () => {
  useNock();
  const syncNow = performOf('creates', 'sync_now');
  const failWith = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    relay().post('/v1/sync').reply(status, body as Record<string, unknown>, headers);
    return rejectionOf(appTester(syncNow, bundleWith()));
  };

  it('turns a relay error into a Zapier error with the relay\'s message', async () => {
    const error = await failWith(422, relayError('crm.invalid_property', 'The CRM has no property "lead_score"; create it at /admin/settings.'));
    assert.equal(error.name, 'AppError');
    assert.deepEqual(JSON.parse(error.message), { message: 'The CRM has no property "lead_score"; create it at /admin/settings.', code: 'crm.invalid_property', status: 422 });
  });

  it('turns a 429 into a throttle that keeps the relay\'s Retry-After', async () => {
    const error = await failWith(429, relayError('rate_limited', 'Too many requests; retry in 30 seconds.'), { 'retry-after': '30' });
    assert.equal(error.name, 'ThrottledError');
    assert.deepEqual(JSON.parse(error.message), { message: 'Too many requests; retry in 30 seconds.', delay: 30 });
  });

  it('waits a minute on a 429 without Retry-After', async () => {
    const error = await failWith(429, relayError('rate_limited', 'Too many requests.'));
    assert.equal(JSON.parse(error.message).delay, 60);
  });

  it('turns a 401 on the workspace key into an expired-auth error', async () => {
    const error = await failWith(401, relayError('auth.invalid', 'The API key was revoked.'));
    assert.equal(error.name, 'ExpiredAuthError');
  });

  it('keeps a CRM auth failure an ordinary error, since reconnecting Zapier would not fix it', async () => {
    const error = await failWith(401, relayError('crm.auth_revoked', 'The CRM access was revoked. Reconnect at /admin/settings > CRM.'));
    assert.equal(error.name, 'AppError');
    assert.match(messageOf(error), /Reconnect at \/admin\/settings/);
  });

  it('halts on "already exists" instead of counting a failure', async () => {
    const error = await failWith(409, relayError('conflict', 'The lead already has a deal (1789).'));
    assert.equal(error.name, 'HaltedError');
  });

  it('explains an error answer that is not the relay\'s JSON', async () => {
    const error = await failWith(502, 'Bad gateway');
    assert.match(messageOf(error), /HTTP 502/);
  });
});
