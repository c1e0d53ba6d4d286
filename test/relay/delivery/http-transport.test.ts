import assert from 'node:assert/strict';
import { httpTransport } from '../../../relay/src/delivery';
import type { HookRequest } from '../../../relay/src/delivery';
import { startSubscriber } from '../hooks/support/subscriber';
import type { Subscriber } from '../hooks/support/subscriber';

/** DNS that sends every name to the loopback subscriber. */
const toLoopback = async () => [{ address: '127.0.0.1', family: 4 }];

describe('hook HTTP transport', () => {
  let subscriber: Subscriber;
  beforeEach(async () => {
    subscriber = await startSubscriber();
  });
  afterEach(async () => {
    await subscriber.close();
  });

  const post = (url: string, overrides: Partial<HookRequest> = {}): HookRequest => ({
    url,
    headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' },
    body: '{"type":"lead.created"}',
    timeoutMs: 2_000,
    ...overrides,
  });

  it('posts the body and headers and returns the status and Retry-After', async () => {
    subscriber.answers.push({ status: 503, headers: { 'retry-after': '30' } });
    const response = await httpTransport({ allowPrivateTargets: true })(post(subscriber.url));
    assert.deepEqual(response, { status: 503, retryAfter: '30', error: null });
    assert.equal(subscriber.received[0]?.body, '{"type":"lead.created"}');
    assert.equal(subscriber.received[0]?.headers['webhook-id'], 'msg_1');
  });

  it('refuses at connect time a host that now resolves to a private address (DNS rebinding)', async () => {
    const url = subscriber.url.replace('127.0.0.1', 'rebinding.example.com');
    const response = await httpTransport({ allowPrivateTargets: false, lookup: toLoopback })(post(url));
    assert.equal(response.status, null);
    assert.match(response.error ?? '', /private address 127\.0\.0\.1/);
    assert.equal(subscriber.received.length, 0);
  });

  it('connects to the address its lookup vetted when private targets are allowed', async () => {
    const url = subscriber.url.replace('127.0.0.1', 'subscriber.internal');
    const response = await httpTransport({ allowPrivateTargets: true, lookup: toLoopback })(post(url));
    assert.equal(response.status, 200);
    assert.equal(subscriber.received[0]?.headers.host?.startsWith('subscriber.internal'), true);
  });

  it('does not follow a redirect', async () => {
    subscriber.answers.push({ status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } });
    const response = await httpTransport({ allowPrivateTargets: true })(post(subscriber.url));
    assert.equal(response.status, 302);
    assert.equal(subscriber.received.length, 1);
  });

  it('gives up on a target that does not answer before the deadline', async () => {
    subscriber.answers.push({ status: 200, hang: true });
    const response = await httpTransport({ allowPrivateTargets: true })(post(subscriber.url, { timeoutMs: 100 }));
    assert.deepEqual(response, { status: null, retryAfter: null, error: 'no response within 0.1 s' });
  });
});
