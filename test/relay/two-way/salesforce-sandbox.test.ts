import assert from 'node:assert/strict';
import type { Lead } from '@synaptiq/shared';
import { startTwoWayHarness, workspaceId } from './support/two-way-harness';
import type { TwoWayHarness } from './support/two-way-harness';

const minute = 60_000;
const ada: Lead = { id: 'lead_1', name: 'Ada Lovelace', first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', phone: '+1 415 555 0100', company: { name: 'Analytical Engines' }, qualification_status: 'qualified' };

describe('two-way sync against the sandbox Salesforce', () => {
  let h: TwoWayHarness;
  let leadId: string;
  let opportunityId: string;

  /** The sandbox's REST API, as a rep's edits in Salesforce reach it. */
  async function rest(method: 'POST' | 'PATCH' | 'GET', path: string, body?: object): Promise<Record<string, unknown>> {
    const answer = await fetch(`${h.sandbox.url}/services/data/v62.0/${path}`, {
      method,
      headers: { authorization: 'Bearer sandbox', 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    assert.ok(answer.ok, `${method} ${path}: ${answer.status} ${await answer.clone().text()}`);
    return answer.status === 204 ? {} : ((await answer.json()) as Record<string, unknown>);
  }

  beforeEach(async () => {
    h = await startTwoWayHarness('salesforce');
    leadId = String((await rest('POST', 'sobjects/Lead', { FirstName: 'Ada', LastName: 'Lovelace', Company: 'Analytical Engines', Email: ada.email, Phone: ada.phone })).id);
    opportunityId = String((await rest('POST', 'sobjects/Opportunity', { Name: 'Analytical Engines', StageName: 'Prospecting', CloseDate: '2026-12-31' })).id);
    await h.seedLead(ada, [
      { object_type: 'contact', crm_id: leadId },
      { object_type: 'deal', crm_id: opportunityId },
    ]);
    h.clock.advance(minute);
    // Salesforce gives every record an owner on create: the first poll names the lead's rep, nothing else.
    await h.poller.poll(workspaceId);
    assert.deepEqual(h.emitted.flatMap((hook) => hook.data.changes.map((change) => change.field)), ['owner']);
    h.emitted.length = 0;
    h.clock.advance(minute);
  });
  afterEach(async () => {
    await h.sandbox.close();
  });

  const lead = async () => {
    const record = await h.stores.leads.get(workspaceId, 'lead_1');
    assert.ok(record);
    return record;
  };

  it('pulls a phone and an email corrected on the Salesforce Lead', async () => {
    await rest('PATCH', `sobjects/Lead/${leadId}`, { Phone: '+1 415 555 0199', Email: 'ada.lovelace@example.org' });
    await h.poller.poll(workspaceId);
    assert.deepEqual([(await lead()).lead.phone, (await lead()).lead.email], ['+1 415 555 0199', 'ada.lovelace@example.org']);
    assert.deepEqual(
      h.emitted[0]?.data.changes.map((change) => change.field),
      ['email', 'phone'],
    );
  });

  for (const [stage, status] of [['Closed Won', 'won'], ['Closed Lost', 'lost']] as const) {
    it(`marks the lead ${status} when the Opportunity moves to ${stage}`, async () => {
      await rest('PATCH', `sobjects/Opportunity/${opportunityId}`, { StageName: stage });
      await h.poller.poll(workspaceId);
      assert.equal((await lead()).status, status);
      const [entry] = (await h.stores.syncLog.list(workspaceId, { record_type: 'deal' }, { limit: 10 })).items;
      assert.deepEqual([entry?.action, entry?.crm_id], ['pull', opportunityId]);
    });
  }

  it('stores the new owner of the Lead with the user\'s name', async () => {
    const { results: users } = (await (await fetch(`${h.sandbox.url}/_sandbox/records/User`)).json()) as { results: Array<{ Id: string; Name: string; IsActive: boolean; UserType?: string }> };
    const current = (await lead()).crm_owner?.id;
    const rep = users.find((user) => user.IsActive && (user.UserType ?? 'Standard') === 'Standard' && user.Id !== current);
    assert.ok(rep);
    await rest('PATCH', `sobjects/Lead/${leadId}`, { OwnerId: rep.Id });
    await h.poller.poll(workspaceId);
    assert.deepEqual((await lead()).crm_owner, { id: rep.Id, name: rep.Name });
  });

  it('only reads from Salesforce: queries, describe and user lists, no writes', async () => {
    await rest('PATCH', `sobjects/Lead/${leadId}`, { Phone: '+1 415 555 0199' });
    await rest('PATCH', `sobjects/Opportunity/${opportunityId}`, { StageName: 'Closed Won' });
    const before = h.sandbox.inspect().calls;
    await h.poller.poll(workspaceId);
    const called = Object.entries(h.sandbox.inspect().calls).filter(([endpoint, count]) => count > (before[endpoint] ?? 0));
    assert.ok(called.length > 0);
    assert.deepEqual(called.filter(([endpoint]) => !endpoint.startsWith('GET ')), []);
  });
});
