import assert from 'node:assert/strict';
import type { Lead } from '@synaptiq/shared';
import { startTwoWayHarness, workspaceId } from './support/two-way-harness';
import type { TwoWayHarness } from './support/two-way-harness';

const minute = 60_000;

const ada: Lead = {
  id: 'lead_1',
  name: 'Ada Lovelace',
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada@example.com',
  phone: '+1 415 555 0100',
  title: 'CTO',
  company: { name: 'Analytical Engines' },
  qualification_status: 'qualified',
};

describe('two-way sync against the sandbox HubSpot', () => {
  let h: TwoWayHarness;
  let contactId: string;
  let dealId: string;

  /** A lead the relay synced: its contact and deal exist in HubSpot and are linked; the first poll finds nothing to change. */
  async function syncedLead(): Promise<void> {
    h = await startTwoWayHarness('hubspot');
    const hubspot = h.sandbox.state.hubspot;
    contactId = hubspot.create('contacts', { email: ada.email, phone: ada.phone, firstname: 'Ada', lastname: 'Lovelace', jobtitle: 'CTO', company: 'Analytical Engines' }).id;
    dealId = hubspot.create('deals', { dealname: 'Analytical Engines', pipeline: 'default', dealstage: '1129874563' }).id;
    await h.seedLead(ada, [
      { object_type: 'contact', crm_id: contactId },
      { object_type: 'deal', crm_id: dealId },
    ]);
    h.clock.advance(minute);
    assert.equal((await h.poller.poll(workspaceId)).applied, 0);
  }

  /** A rep edits a record in HubSpot a minute later; the poller runs at its next interval. */
  async function repEdits(type: 'contacts' | 'deals', id: string, properties: Record<string, string>): Promise<void> {
    h.clock.advance(minute);
    const hubspot = h.sandbox.state.hubspot;
    hubspot.update(type, hubspot.requireRecord(type, id), properties);
    h.clock.advance(5 * minute);
  }

  const lead = async () => {
    const record = await h.stores.leads.get(workspaceId, 'lead_1');
    assert.ok(record);
    return record;
  };

  afterEach(async () => {
    await h.sandbox.close();
  });

  const contactCases = [
    { field: 'phone', property: 'phone', to: '+1 415 555 0199' },
    { field: 'email', property: 'email', to: 'ada.lovelace@example.org' },
    { field: 'first_name', property: 'firstname', to: 'Augusta' },
    { field: 'last_name', property: 'lastname', to: 'King' },
    { field: 'title', property: 'jobtitle', to: 'Chief Engineer' },
  ] as const;
  for (const { field, property, to } of contactCases) {
    it(`pulls a ${field} corrected in HubSpot into the lead, the sync log and a lead.crm_updated hook`, async () => {
      await syncedLead();
      await repEdits('contacts', contactId, { [property]: to });
      const summary = await h.poller.poll(workspaceId);
      assert.equal(summary.applied, 1);
      assert.equal((await lead()).lead[field], to);
      const [entry] = (await h.stores.syncLog.list(workspaceId, { lead_id: 'lead_1' }, { limit: 10 })).items;
      assert.deepEqual([entry?.action, entry?.status, entry?.record_type, entry?.crm_id], ['pull', 'success', 'contact', contactId]);
      assert.deepEqual(h.emitted.map((hook) => [hook.event, hook.data.id, hook.data.changes]), [['lead.crm_updated', 'lead_1', [{ field, from: ada[field], to }]]]);
    });
  }

  it('pulls the company name when the settings choose it', async () => {
    await syncedLead();
    await repEdits('contacts', contactId, { company: 'Difference Engines Ltd' });
    await h.poller.poll(workspaceId);
    assert.equal((await lead()).lead.company?.name, 'Difference Engines Ltd');
  });

  const stageCases = [
    { stage: 'closedwon', status: 'won' },
    { stage: 'closedlost', status: 'lost' },
  ] as const;
  for (const { stage, status } of stageCases) {
    it(`marks the lead ${status} when its deal moves to ${stage === 'closedwon' ? 'Closed Won' : 'Closed Lost'}`, async () => {
      await syncedLead();
      await repEdits('deals', dealId, { dealstage: stage });
      await h.poller.poll(workspaceId);
      assert.equal((await lead()).status, status);
      const [entry] = (await h.stores.syncLog.list(workspaceId, { lead_id: 'lead_1' }, { limit: 10 })).items;
      assert.deepEqual([entry?.action, entry?.record_type, entry?.crm_id], ['pull', 'deal', dealId]);
      assert.deepEqual(h.emitted[0]?.data.changes, [{ field: 'qualification_status', from: 'qualified', to: status }]);
      assert.equal(h.emitted[0]?.data.qualification_status, status);
    });
  }

  it('leaves the status alone when the deal moves to another open stage', async () => {
    await syncedLead();
    await repEdits('deals', dealId, { dealstage: 'contractsent' });
    const summary = await h.poller.poll(workspaceId);
    assert.deepEqual([summary.applied, (await lead()).status], [0, 'qualified']);
  });

  it('stores the owner assigned in HubSpot with the owner\'s name, so the agent can name the rep', async () => {
    await syncedLead();
    await repEdits('contacts', contactId, { hubspot_owner_id: '81234502' });
    await h.poller.poll(workspaceId);
    assert.deepEqual((await lead()).crm_owner, { id: '81234502', name: 'Marcus Johnson' });
    assert.deepEqual(h.emitted[0]?.data.owner, { id: '81234502', name: 'Marcus Johnson' });
    assert.deepEqual(h.emitted[0]?.data.changes, [{ field: 'owner', from: null, to: { id: '81234502', name: 'Marcus Johnson' } }]);
  });

  it('pulls only the fields chosen in pull_fields', async () => {
    await syncedLead();
    const workspace = await h.workspace();
    await h.stores.config.saveWorkspace({
      ...workspace,
      settings: { ...workspace.settings, sync_direction: { direction: 'bidirectional', pull_fields: ['phone'], poll_interval_minutes: 5 } },
    });
    await repEdits('contacts', contactId, { phone: '+1 415 555 0199', email: 'other@example.org' });
    await h.poller.poll(workspaceId);
    assert.deepEqual([(await lead()).lead.phone, (await lead()).lead.email], ['+1 415 555 0199', ada.email]);
  });

  it('applies a change once however often it is polled again within the overlap window', async () => {
    await syncedLead();
    await repEdits('contacts', contactId, { phone: '+1 415 555 0199' });
    const first = await h.poller.poll(workspaceId);
    h.clock.advance(5 * minute);
    const second = await h.poller.poll(workspaceId);
    // The overlap window re-reads both the edited contact and the deal: both are recognised, neither applied.
    assert.deepEqual([first.applied, second.applied, second.already_seen], [1, 0, 2]);
    assert.equal(h.emitted.length, 1);
    assert.equal((await h.stores.syncLog.list(workspaceId, { lead_id: 'lead_1' }, { limit: 10 })).items.length, 1);
  });

  it('applies nothing twice even when the saved cursor is lost', async () => {
    await syncedLead();
    await repEdits('contacts', contactId, { phone: '+1 415 555 0199' });
    await h.poller.poll(workspaceId);
    const workspace = await h.workspace();
    await h.stores.config.saveWorkspace({ ...workspace, status: { ...workspace.status, two_way: undefined } });
    h.clock.advance(minute);
    const again = await h.poller.poll(workspaceId);
    assert.deepEqual([again.read > 0, again.applied, h.emitted.length], [true, 0, 1]);
  });

  it('ignores changes to records linked only as a marker (link-only keys) and records it never synced', async () => {
    h = await startTwoWayHarness('hubspot');
    const hubspot = h.sandbox.state.hubspot;
    const matched = hubspot.create('contacts', { email: 'ada@example.com', phone: '+1 415 555 0100' });
    hubspot.create('contacts', { email: 'stranger@example.com', phone: '+1 212 555 0100' });
    await h.seedLead(ada, [{ key: 'lead:lead_1:contact:link-only', object_type: 'contact', crm_id: matched.id }]);
    h.clock.advance(minute);
    hubspot.update('contacts', matched, { phone: '+1 415 555 0199' });
    const summary = await h.poller.poll(workspaceId);
    assert.deepEqual([summary.applied, summary.outcomes.unlinked], [0, 2]);
    assert.equal((await lead()).lead.phone, ada.phone);
  });

  it('keeps a lead value Synaptiq changed after the CRM edit (the newer value is on its way to the CRM)', async () => {
    await syncedLead();
    await repEdits('contacts', contactId, { phone: '+1 415 555 0199' });
    await h.stores.leads.upsert(workspaceId, { ...ada, phone: '+1 415 555 0142' }, new Date(h.clock.now()).toISOString());
    const summary = await h.poller.poll(workspaceId);
    assert.deepEqual([summary.outcomes.older_than_lead, (await lead()).lead.phone], [1, '+1 415 555 0142']);
  });

  it('only reads from the CRM: the sandbox saw searches and owner/pipeline reads, no writes', async () => {
    await syncedLead();
    await repEdits('contacts', contactId, { phone: '+1 415 555 0199', hubspot_owner_id: '81234503' });
    await repEdits('deals', dealId, { dealstage: 'closedwon' });
    const before = h.sandbox.inspect().calls;
    await h.poller.poll(workspaceId);
    const calls = Object.entries(h.sandbox.inspect().calls).filter(([endpoint, count]) => count > (before[endpoint] ?? 0));
    assert.ok(calls.length > 0);
    const writes = calls.filter(([endpoint]) => !/^GET /.test(endpoint) && !/\/search$/.test(endpoint));
    assert.deepEqual(writes, []);
  });
});
