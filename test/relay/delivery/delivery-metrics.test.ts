import assert from 'node:assert/strict';
import type { LeadView } from '@synaptiq/shared';
import { createRelayMetrics } from '../../../relay/src/metrics';
import type { RelayMetrics } from '../../../relay/src/metrics';
import { createHooksRelay } from '../hooks/support/hooks-relay';
import { fakeTransport } from '../hooks/support/fake-transport';

const target = 'https://hooks.example.com/synaptiq';
const lead = { id: 'lead_1', name: 'Ada Lovelace' } as LeadView;

/** relay_hook_delivery_attempts_total by outcome label, as a scrape would show it. */
async function attemptsByOutcome(metrics: RelayMetrics): Promise<Record<string, number>> {
  const metric = metrics.registry.getSingleMetric('relay_hook_delivery_attempts_total');
  assert.ok(metric, 'the delivery attempt counter is not registered');
  const { values } = await metric.get();
  return Object.fromEntries(values.filter((value) => value.value > 0).map((value) => [String(value.labels.outcome), value.value]));
}

/** A relay whose hooks count into fresh metrics, a lead.created subscription, and the target's answers queued. */
async function deliverOnce(answers: Array<{ status: number }>) {
  const metrics = createRelayMetrics({ defaultMetrics: false });
  const fake = fakeTransport(() => 0);
  const relay = await createHooksRelay({ transport: fake.transport, metrics });
  await relay.subscribe('lead.created', target);
  fake.answers.push(...answers);
  await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
  await relay.hooks.worker.runDue();
  return { relay, metrics };
}

describe('hook delivery metrics', () => {
  const cases = [
    { answer: 200, outcome: 'succeeded' },
    { answer: 503, outcome: 'failed' },
    { answer: 410, outcome: 'gone' },
  ];
  for (const { answer, outcome } of cases) {
    it(`counts an attempt answered HTTP ${answer} as ${outcome}`, async () => {
      const { metrics } = await deliverOnce([{ status: answer }]);
      assert.deepEqual(await attemptsByOutcome(metrics), { [outcome]: 1 });
    });
  }

  it('counts every retry, and the last one that gives up as dead', async () => {
    const { relay, metrics } = await deliverOnce(Array.from({ length: 8 }, () => ({ status: 500 })));
    for (let round = 0; round < 10; round += 1) {
      const [delivery] = (await relay.stores.deliveries.list('acme', {}, { limit: 1 })).items;
      if (!delivery?.next_attempt_at) break;
      relay.clock.set(Date.parse(delivery.next_attempt_at));
      await relay.hooks.worker.runDue();
    }
    assert.deepEqual(await attemptsByOutcome(metrics), { failed: 7, dead: 1 });
  });

  it('counts a message whose subscription was deleted before its attempt as dead', async () => {
    const metrics = createRelayMetrics({ defaultMetrics: false });
    const fake = fakeTransport(() => 0);
    const relay = await createHooksRelay({ transport: fake.transport, metrics });
    const { id } = await relay.subscribe('lead.created', target);
    await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
    await relay.stores.config.deleteSubscription('acme', id);
    await relay.hooks.worker.runDue();
    assert.equal(fake.sent.length, 0);
    assert.deepEqual(await attemptsByOutcome(metrics), { dead: 1 });
  });

  it('counts nothing, and still delivers, without metrics', async () => {
    const fake = fakeTransport(() => 0);
    const relay = await createHooksRelay({ transport: fake.transport });
    await relay.subscribe('lead.created', target);
    await relay.hooks.emitHookEvent('acme', 'lead.created', lead);
    assert.equal(await relay.hooks.worker.runDue(), 1);
    assert.equal(fake.sent.length, 1);
  });
});
