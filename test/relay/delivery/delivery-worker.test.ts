import assert from 'node:assert/strict';
import request from 'supertest';
import type { DeliveryAttempt } from '@synaptiq/shared';
import type { LeadView } from '../../../relay/src/services/lead-view';
import { bearer } from '../support/test-relay';
import { createHooksRelay } from '../hooks/support/hooks-relay';
import type { HooksRelay, HooksRelayOptions } from '../hooks/support/hooks-relay';
import { fakeTransport } from '../hooks/support/fake-transport';
import { startSubscriber } from '../hooks/support/subscriber';

const second = 1_000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
const svixWaits = [5 * second, 5 * minute, 30 * minute, 2 * hour, 5 * hour, 10 * hour, 10 * hour];
const target = 'https://hooks.example.com/synaptiq';
const lead = { id: 'lead_1', name: 'Ada Lovelace' } as LeadView;

interface Setup {
  relay: HooksRelay;
  sent: ReturnType<typeof fakeTransport>['sent'];
  answers: ReturnType<typeof fakeTransport>['answers'];
  maxInFlight(): number;
  subscriptionId: string;
}

async function setup(options: Omit<HooksRelayOptions, 'transport'> = {}): Promise<Setup> {
  const time: { now(): number } = { now: () => 0 };
  const fake = fakeTransport(() => time.now());
  const relay = await createHooksRelay({ ...options, transport: fake.transport });
  time.now = () => relay.clock.now();
  const { id } = await relay.subscribe('lead.created', target);
  return { relay, sent: fake.sent, answers: fake.answers, maxInFlight: fake.maxInFlight, subscriptionId: id };
}

const deliveries = async (relay: HooksRelay): Promise<DeliveryAttempt[]> => (await relay.stores.deliveries.list('acme', {}, { limit: 100 })).items;
const onlyDelivery = async (relay: HooksRelay): Promise<DeliveryAttempt> => {
  const [delivery] = await deliveries(relay);
  assert.ok(delivery, 'no delivery stored');
  return delivery;
};

/** Runs every attempt a delivery gets, moving the clock to each retry, until it ends. */
async function runToTheEnd(relay: HooksRelay): Promise<DeliveryAttempt> {
  for (let round = 0; round < 20; round += 1) {
    await relay.hooks.worker.runDue();
    const delivery = await onlyDelivery(relay);
    if (delivery.next_attempt_at === null) return delivery;
    relay.clock.set(Date.parse(delivery.next_attempt_at));
  }
  throw new Error('the delivery never ended');
}

const failures = (count: number) => Array.from({ length: count }, () => ({ status: 500 }));
const gaps = (times: number[]) => times.slice(1).map((time, index) => time - (times[index] as number));

describe('hook delivery worker', () => {
  it('stores a message before its first attempt', async () => {
    const { relay, sent } = await setup();
    await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
    assert.equal((await onlyDelivery(relay)).status, 'pending');
    assert.equal(sent.length, 0);
  });

  it('retries on the Svix schedule (at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), then gives up', async () => {
    const { relay, sent, answers } = await setup({ random: () => 0 });
    answers.push(...failures(8));
    const start = relay.clock.now();
    await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
    const delivery = await runToTheEnd(relay);
    assert.equal(sent[0]?.at, start);
    assert.deepEqual(gaps(sent.map((hook) => hook.at)), svixWaits);
    assert.equal(delivery.status, 'dead');
    assert.equal(delivery.attempt, 8);
  });

  it('shortens each wait by at most 10 % of jitter', async () => {
    const { relay, sent, answers } = await setup({ random: () => 0.5 });
    answers.push(...failures(8));
    await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
    await runToTheEnd(relay);
    assert.deepEqual(gaps(sent.map((hook) => hook.at)), svixWaits.map((wait) => Math.round(wait * 0.95)));
  });

  it('sends every retry under the same webhook-id, signed again with a fresh timestamp', async () => {
    const { relay, sent, answers } = await setup();
    answers.push({ status: 500 }, { status: 502 });
    await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
    await runToTheEnd(relay);
    assert.equal(sent.length, 3);
    assert.equal(new Set(sent.map((hook) => hook.headers['webhook-id'])).size, 1);
    assert.equal(new Set(sent.map((hook) => hook.headers['webhook-timestamp'])).size, 3);
  });

  const retryAfterCases = [
    { name: 'waits as long as a Retry-After in seconds asks', header: '120', wait: 120 * second },
    { name: 'waits until a Retry-After date', header: new Date(Date.parse('2026-11-24T15:00:00Z') + 2 * hour).toUTCString(), wait: 2 * hour },
    { name: 'clamps a Retry-After of ten days to 10 hours', header: String(10 * 24 * 3600), wait: 10 * hour },
    { name: 'keeps the schedule when Retry-After asks for less', header: '1', wait: 5 * second },
  ];
  for (const { name, header, wait } of retryAfterCases) {
    it(name, async () => {
      const { relay, answers } = await setup();
      answers.push({ status: 503, retryAfter: header });
      const start = relay.clock.now();
      await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
      await relay.hooks.worker.runDue();
      const delivery = await onlyDelivery(relay);
      assert.equal(delivery.status, 'failed');
      assert.equal(Date.parse(delivery.next_attempt_at ?? ''), start + wait);
    });
  }

  const outcomes = [
    { status: 200, expected: 'succeeded' },
    { status: 204, expected: 'succeeded' },
    { status: 301, expected: 'failed' },
    { status: 400, expected: 'failed' },
    { status: 429, expected: 'failed' },
    { status: 500, expected: 'failed' },
  ];
  for (const { status, expected } of outcomes) {
    it(`records an answer of HTTP ${status} as ${expected}`, async () => {
      const { relay, answers } = await setup();
      answers.push({ status });
      await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
      await relay.hooks.worker.runDue();
      const delivery = await onlyDelivery(relay);
      assert.deepEqual({ status: delivery.status, response_status: delivery.response_status }, { status: expected, response_status: status });
    });
  }

  it('removes the subscription when the target answers 410 Gone', async () => {
    const { relay, answers } = await setup();
    answers.push({ status: 410 });
    await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
    await relay.hooks.worker.runDue();
    assert.equal((await onlyDelivery(relay)).status, 'dead');
    assert.deepEqual(await relay.stores.config.listSubscriptions('acme'), []);
    assert.equal(await relay.hooks.emitHookEvent('acme', 'lead.created', lead), 0);
  });

  it('disables a subscription whose deliveries failed for 5 days, and GET /v1/hooks shows it', async () => {
    const { relay, answers, sent } = await setup();
    answers.push(...failures(20));
    const start = relay.clock.now();
    await relay.hooks.emitHookEvent('acme', 'lead.created', lead, { sourceId: 'first' });
    await relay.hooks.worker.runDue();
    relay.clock.set(start + 5 * day);
    await relay.hooks.emitHookEvent('acme', 'lead.created', lead, { sourceId: 'second' });
    await relay.hooks.worker.runDue();
    const res = await request(relay.app).get('/v1/hooks').set('authorization', bearer(relay.apiKey));
    const [hook] = res.body.data as Array<{ status: string; disabled_reason: string; health: { failing_since: string } }>;
    assert.equal(hook?.status, 'disabled');
    assert.match(hook?.disabled_reason ?? '', /disabled/);
    assert.equal(hook?.health.failing_since, new Date(start).toISOString());
    // The first message's retry is not sent to a disabled subscription.
    const attempts = sent.length;
    relay.clock.set(start + 6 * day);
    await relay.hooks.worker.runDue();
    assert.equal(sent.length, attempts);
  });

  it('disables after the configured number of days only', async () => {
    const { relay, answers } = await setup({ delivery: { disableAfterMs: 2 * day } });
    answers.push(...failures(20));
    const start = relay.clock.now();
    for (const [index, at] of [start, start + day, start + 2 * day].entries()) {
      relay.clock.set(at);
      await relay.hooks.emitHookEvent('acme', 'lead.created', lead, { sourceId: `m${index}` });
      await relay.hooks.worker.runDue();
      const [subscription] = await relay.stores.config.listSubscriptions('acme');
      assert.equal(subscription?.status, index < 2 ? 'active' : 'disabled', `after ${index} days`);
    }
  });

  it('shows delivery health: a success clears failing_since and records when', async () => {
    const { relay, answers } = await setup();
    answers.push({ status: 500 }, { status: 200 });
    await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
    await relay.hooks.worker.runDue();
    const failedAt = new Date(relay.clock.now()).toISOString();
    await runToTheEnd(relay);
    const [subscription] = await relay.stores.config.listSubscriptions('acme');
    assert.deepEqual(
      { failing_since: subscription?.failing_since, last_failure_at: subscription?.last_failure_at, last_success_at: subscription?.last_success_at },
      { failing_since: null, last_failure_at: failedAt, last_success_at: new Date(relay.clock.now()).toISOString() },
    );
  });

  it('sends a replayed dead delivery again under its webhook-id', async () => {
    const { relay, sent, answers } = await setup();
    answers.push(...failures(8));
    await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
    const dead = await runToTheEnd(relay);
    const res = await request(relay.app).post(`/v1/hooks/deliveries/${dead.id}/replay`).set('authorization', bearer(relay.apiKey));
    assert.equal(res.status, 202);
    await relay.hooks.worker.runDue();
    const replayed = await onlyDelivery(relay);
    assert.deepEqual({ status: replayed.status, attempt: replayed.attempt }, { status: 'succeeded', attempt: 1 });
    assert.equal(sent.at(-1)?.headers['webhook-id'], dead.message_id);
  });

  it('logs every attempt with its status, response code and error, and never the secret', async () => {
    const logged: Array<{ obj: Record<string, unknown>; msg: string | undefined }> = [];
    const keep = (obj: object, msg?: string) => logged.push({ obj: obj as Record<string, unknown>, msg });
    const fake = fakeTransport(() => 0);
    fake.answers.push({ status: 503 });
    const relay = await createHooksRelay({ transport: fake.transport, logger: { debug: keep, info: keep, warn: keep, error: keep } });
    const { secret } = await relay.subscribe('lead.created', target);
    await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
    await runToTheEnd(relay);
    const attempts = logged.filter((entry) => entry.msg === 'hook delivery attempt').map(({ obj }) => [obj.attempt, obj.status, obj.response_status, typeof obj.error]);
    assert.deepEqual(attempts, [
      [1, 'failed', 503, 'string'],
      [2, 'succeeded', 200, 'object'],
    ]);
    assert.equal(JSON.stringify(logged).includes(secret.slice(6)), false);
  });

  it('keeps at most `concurrency` deliveries in flight', async () => {
    const { relay, sent, maxInFlight } = await setup({ delivery: { concurrency: 3 } });
    for (let index = 0; index < 10; index += 1) await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
    await relay.hooks.worker.runDue();
    assert.equal(sent.length, 10);
    assert.equal(maxInFlight(), 3);
  });

  it('keeps delivering to other targets while one is slow to answer', async () => {
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const answered: string[] = [];
    const relay = await createHooksRelay({
      delivery: { concurrency: 2 },
      transport: async (req) => {
        if (req.url.includes('slow')) await slow;
        answered.push(req.url);
        return { status: 200, retryAfter: null, error: null };
      },
    });
    await relay.subscribe('lead.qualified', 'https://slow.example.com/hook');
    await relay.subscribe('lead.created', target);
    await relay.hooks.emitHookEvent('acme', 'lead.qualified', lead);
    for (let index = 0; index < 3; index += 1) await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
    const run = relay.hooks.worker.runDue();
    for (let spin = 0; spin < 100 && answered.length < 3; spin += 1) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(answered, [target, target, target]);
    release();
    assert.equal(await run, 4);
  });

  it('does not re-create a subscription deleted while its delivery was in flight', async () => {
    const relay: HooksRelay = await createHooksRelay({
      transport: async () => {
        await relay.stores.config.deleteSubscription('acme', (await relay.stores.config.listSubscriptions('acme'))[0]?.id ?? '');
        return { status: 500, retryAfter: null, error: null };
      },
    });
    await relay.subscribe('lead.created', target);
    await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
    await relay.hooks.worker.runDue();
    assert.deepEqual(await relay.stores.config.listSubscriptions('acme'), []);
  });

  it('does not send a message whose subscription was deleted', async () => {
    const { relay, sent, subscriptionId } = await setup();
    await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
    await relay.stores.config.deleteSubscription('acme', subscriptionId);
    await relay.hooks.worker.runDue();
    assert.equal(sent.length, 0);
    assert.match((await onlyDelivery(relay)).error ?? '', /deleted/);
  });

  it('refuses to deliver to a target whose host now resolves to a private address', async () => {
    const { relay, sent } = await setup({ delivery: { allowPrivateTargets: false }, lookup: async () => [{ address: '10.0.0.5', family: 4 }] });
    await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
    await relay.hooks.worker.runDue();
    assert.equal(sent.length, 0);
    assert.match((await onlyDelivery(relay)).error ?? '', /private/);
  });

  it('counts a target that does not answer in time as a failed attempt', async () => {
    const subscriber = await startSubscriber();
    try {
      const relay = await createHooksRelay({ delivery: { timeoutMs: 100 } });
      await relay.subscribe('lead.created', subscriber.url);
      subscriber.answers.push({ status: 200, hang: true });
      await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
      await relay.hooks.worker.runDue();
      const delivery = await onlyDelivery(relay);
      assert.equal(delivery.status, 'failed');
      assert.equal(delivery.response_status, null);
      assert.match(delivery.error ?? '', /no response within 0.1 s/);
    } finally {
      await subscriber.close();
    }
  });
});
