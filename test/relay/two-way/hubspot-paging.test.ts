import assert from 'node:assert/strict';
import type { Lead } from '@synaptiq/shared';
import { startTwoWayHarness, workspaceId } from './support/two-way-harness';
import type { TwoWayHarness } from './support/two-way-harness';

const oldPhone = '+1 415 555 0100';
const newPhone = '+1 415 555 0199';
const leadNumbered = (n: number): Lead => ({ id: `lead_${n}`, name: `Lead ${n}`, email: `lead${n}@example.com`, phone: oldPhone });
const searchCalls = (h: TwoWayHarness) => h.sandbox.inspect().calls['POST /crm/v3/objects/contacts/search'] ?? 0;

/**
 * `count` contacts changed in HubSpot in the same millisecond (a bulk import or workflow does this), of
 * which the given positions (1-based, in id order) belong to leads the relay synced with an older phone.
 */
async function bulkChange(h: TwoWayHarness, count: number, linkedPositions: number[]): Promise<void> {
  for (const n of linkedPositions) await h.seedLead(leadNumbered(n), []);
  h.clock.advance(60_000);
  const hubspot = h.sandbox.state.hubspot;
  for (let n = 1; n <= count; n += 1) {
    const { id } = hubspot.create('contacts', { email: `lead${n}@example.com`, phone: newPhone });
    if (linkedPositions.includes(n)) await h.stores.links.put(workspaceId, [{ key: `lead:lead_${n}:contact`, object_type: 'contact', crm_id: id }]);
  }
  h.clock.advance(5 * 60_000);
}

describe('two-way sync paging against the sandbox HubSpot', () => {
  let h: TwoWayHarness;
  beforeEach(async () => {
    h = await startTwoWayHarness('hubspot', { pull_fields: ['phone'] });
  });
  afterEach(async () => {
    await h.sandbox.close();
  });

  it('applies both of two records sharing a modified timestamp across a page boundary, each once', async () => {
    // HubSpot answers 200 per page: records 200 and 201 land on either side of the boundary, with the same timestamp.
    await bulkChange(h, 201, [200, 201]);
    const first = await h.poller.poll(workspaceId);
    assert.equal(searchCalls(h), 2);
    h.clock.advance(5 * 60_000);
    const second = await h.poller.poll(workspaceId);
    assert.deepEqual([first.read, first.applied, second.applied, second.already_seen], [201, 2, 0, 201]);
    for (const n of [200, 201]) assert.equal((await h.stores.leads.get(workspaceId, `lead_${n}`))?.lead.phone, newPhone);
    assert.deepEqual(h.emitted.map((hook) => hook.data.id).sort(), ['lead_200', 'lead_201']);
  });

  it('keeps paging past HubSpot\'s 10,000-result search cap and applies the records beyond it', async function () {
    this.timeout(60_000);
    await bulkChange(h, 10_050, [1, 5_000, 10_050]);
    const summary = await h.poller.poll(workspaceId);
    assert.deepEqual([summary.read, summary.applied], [10_050, 3]);
    assert.equal((await h.stores.leads.get(workspaceId, 'lead_10050'))?.lead.phone, newPhone);
  });

  it('meets a sandbox that enforces the cap: paging one query with `after` past 10,000 is refused', async () => {
    const answer = await fetch(`${h.sandbox.url}/crm/v3/objects/contacts/search`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox', 'content-type': 'application/json' },
      body: JSON.stringify({ filterGroups: [], limit: 100, after: '10000' }),
    });
    assert.equal(answer.status, 400);
  });
});
