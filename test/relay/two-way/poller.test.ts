import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Subscription } from '@synaptiq/shared';
import { createSecretBox } from '../../../relay/src/crypto';
import { createHookEmitter } from '../../../relay/src/services/hooks/emit';
import { newWorkspace } from '../../../relay/src/services/new-workspace';
import { createTwoWayPoller } from '../../../relay/src/services/two-way';
import { silentLogger } from '../support/test-relay';
import { startTwoWayHarness, workspaceId } from './support/two-way-harness';
import type { TwoWayHarness } from './support/two-way-harness';

const minute = 60_000;

describe('two-way sync poller', () => {
  let h: TwoWayHarness;
  beforeEach(async () => {
    h = await startTwoWayHarness('hubspot', { poll_interval_minutes: 5 });
  });
  afterEach(async () => {
    await h.sandbox.close();
  });

  const polledIds = async () => (await h.poller.tick()).map((summary) => summary.workspace_id);

  it('polls a bidirectional workspace at once, then every poll_interval_minutes', async () => {
    const polls = [await polledIds()];
    h.clock.advance(4 * minute);
    polls.push(await polledIds());
    h.clock.advance(minute);
    polls.push(await polledIds());
    assert.deepEqual(polls, [[workspaceId], [], [workspaceId]]);
  });

  it('leaves one-way and paused workspaces alone', async () => {
    const workspace = await h.workspace();
    const oneWay = newWorkspace({ id: 'one-way', name: 'One way', at: workspace.created_at }, createSecretBox(randomBytes(32))).workspace;
    await h.stores.config.saveWorkspace(oneWay);
    await h.stores.config.saveWorkspace({ ...workspace, status: { ...workspace.status, paused: true } });
    assert.deepEqual(await polledIds(), []);
  });

  it('saves the cursors and the poll time in the workspace status', async () => {
    await h.poller.tick();
    const status = (await h.workspace()).status.two_way;
    assert.equal(status?.last_poll_at, new Date(h.clock.now()).toISOString());
    assert.deepEqual(Object.keys(status?.cursors ?? {}).sort(), ['contact', 'deal']);
  });

  it('waits for the next interval after a failed poll instead of retrying at every tick', async () => {
    let calls = 0;
    const failing = createTwoWayPoller({
      stores: h.stores,
      crmFor: async () => {
        calls += 1;
        throw new Error('CRM down');
      },
      clock: h.clock,
      logger: silentLogger,
    });
    await failing.tick();
    h.clock.advance(minute);
    await failing.tick();
    h.clock.advance(5 * minute);
    await failing.tick();
    assert.equal(calls, 2);
  });

  it('queues lead.crm_updated for the workspace\'s subscribers through the hooks emitter', async () => {
    const subscription: Subscription = {
      id: 'sub_1',
      workspace_id: workspaceId,
      event: 'lead.crm_updated',
      target_url: 'https://hooks.example.com/crm-updated',
      secret: 'sealed',
      created_at: new Date(h.clock.now()).toISOString(),
      status: 'active',
      disabled_reason: null,
      failing_since: null,
      last_success_at: null,
      last_failure_at: null,
    };
    await h.stores.config.saveSubscription(subscription);
    const hubspot = h.sandbox.state.hubspot;
    const contact = hubspot.create('contacts', { email: 'ada@example.com', phone: '+1 415 555 0100' });
    await h.seedLead({ id: 'lead_1', name: 'Ada', email: 'ada@example.com', phone: '+1 415 555 0100' }, [{ object_type: 'contact', crm_id: contact.id }]);
    h.clock.advance(minute);
    hubspot.update('contacts', contact, { phone: '+1 415 555 0199' });
    const poller = createTwoWayPoller({ stores: h.stores, crmFor: async () => h.adapter, clock: h.clock, logger: silentLogger, emit: createHookEmitter({ stores: h.stores, clock: h.clock }) });
    await poller.poll(workspaceId);
    const deliveries = (await h.stores.deliveries.list(workspaceId, { subscription_id: 'sub_1' }, { limit: 10 })).items;
    assert.equal(deliveries.length, 1);
    const payload = deliveries[0]?.payload as { type: string; data: { id: string; changes: unknown[] } };
    assert.deepEqual([payload.type, payload.data.id, payload.data.changes], ['lead.crm_updated', 'lead_1', [{ field: 'phone', from: '+1 415 555 0100', to: '+1 415 555 0199' }]]);
  });
});
