import assert from 'node:assert/strict';
import type { Connection } from 'jsforce';
import type { RunningSandbox } from '../../sandbox-crm/src/index';
import { salesforceConnection, salesforceError, withSandbox } from './helpers';

type SaveResult = { id?: string; success: boolean; errors: { statusCode?: string; errorCode?: string; message: string; fields?: string[] }[]; created?: boolean };

describe('sandbox CRM: Salesforce sObjects through jsforce', () => {
  const suite = withSandbox();
  let sandbox: RunningSandbox;
  let conn: Connection;

  before(() => {
    sandbox = suite.sandbox;
    conn = salesforceConnection(sandbox);
  });

  it('creates a Lead and retrieves it with its system fields', async () => {
    const res = (await conn.sobject('Lead').create({ LastName: 'Lovelace', Company: 'Analytical', Email: 'ada@example.com' })) as SaveResult;
    assert.equal(res.success, true);
    assert.match(res.id ?? '', /^00Q[a-zA-Z0-9]{15}$/);
    const lead = (await conn.sobject('Lead').retrieve(res.id ?? '')) as Record<string, unknown>;
    assert.equal(lead.Email, 'ada@example.com');
    assert.equal(lead.Status, 'Open - Not Contacted');
    assert.ok(lead.SystemModstamp);
  });

  it('answers REQUIRED_FIELD_MISSING naming the fields', async () => {
    const err = await salesforceError(conn.sobject('Lead').create({ LastName: 'NoCompany' }));
    assert.equal(err.errorCode, 'REQUIRED_FIELD_MISSING');
    assert.match(err.message, /Company/);
  });

  it('answers INVALID_FIELD for an unknown field', async () => {
    const err = await salesforceError(conn.sobject('Lead').create({ LastName: 'X', Company: 'Y', Synaptiq_Score__c: 5 }));
    assert.equal(err.errorCode, 'INVALID_FIELD');
    assert.match(err.message, /Synaptiq_Score__c/);
  });

  it('updates a Contact with PATCH', async () => {
    const res = (await conn.sobject('Contact').create({ LastName: 'Hopper' })) as SaveResult;
    const updated = (await conn.sobject('Contact').update({ Id: res.id ?? '', Title: 'Rear Admiral' })) as SaveResult;
    assert.equal(updated.success, true);
    const contact = (await conn.sobject('Contact').retrieve(res.id ?? '')) as Record<string, unknown>;
    assert.equal(contact.Title, 'Rear Admiral');
  });

  it('upserts a Lead by Email: created, then updated', async () => {
    const first = (await conn.sobject('Lead').upsert({ Email: 'up@example.com', LastName: 'Up', Company: 'Co' }, 'Email')) as SaveResult;
    const second = (await conn.sobject('Lead').upsert({ Email: 'up@example.com', LastName: 'Updated' }, 'Email')) as SaveResult;
    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(second.id, first.id);
  });

  it('answers 300 MULTIPLE_CHOICES when several Leads share the email', async () => {
    await conn.sobject('Lead').create([
      { Email: 'twin@example.com', LastName: 'A', Company: 'Co' },
      { Email: 'twin@example.com', LastName: 'B', Company: 'Co' },
    ]);
    const err = await salesforceError(conn.sobject('Lead').upsert({ Email: 'twin@example.com', LastName: 'C' }, 'Email'));
    assert.equal(err.errorCode, 'MULTIPLE_CHOICES');
    assert.equal((err.data as string[]).length, 2);
  });

  it('creates Opportunity, Task and Event with their required fields', async () => {
    const account = (await conn.sobject('Account').create({ Name: 'Acme' })) as SaveResult;
    const lead = (await conn.sobject('Lead').create({ LastName: 'L', Company: 'Acme' })) as SaveResult;
    const opp = (await conn.sobject('Opportunity').create({ Name: 'Acme deal', StageName: 'Qualification', CloseDate: '2026-12-31', AccountId: account.id })) as SaveResult;
    const task = (await conn.sobject('Task').create({ Subject: 'Chat', WhoId: lead.id, ActivityDate: '2026-11-26', Status: 'Completed', Description: 'hi' })) as SaveResult;
    const event = (await conn.sobject('Event').create({ Subject: 'Demo', WhoId: lead.id, StartDateTime: '2026-11-27T09:00:00Z', EndDateTime: '2026-11-27T09:30:00Z', Location: 'Zoom' })) as SaveResult;
    assert.deepEqual([opp.success, task.success, event.success], [true, true, true]);
  });

  it('refuses a Task related to a record when its WhoId is a Lead', async () => {
    const lead = (await conn.sobject('Lead').create({ LastName: 'L', Company: 'C' })) as SaveResult;
    const account = (await conn.sobject('Account').create({ Name: 'Acme' })) as SaveResult;
    const err = await salesforceError(conn.sobject('Task').create({ Subject: 'Chat', WhoId: lead.id, WhatId: account.id }));
    assert.equal(err.errorCode, 'FIELD_INTEGRITY_EXCEPTION');
  });

  it('keeps an Event duration in step with its start and end', async () => {
    const res = (await conn.sobject('Event').create({ Subject: 'Demo', StartDateTime: '2026-11-27T09:00:00Z', EndDateTime: '2026-11-27T09:45:00Z' })) as SaveResult;
    const event = (await conn.sobject('Event').retrieve(res.id ?? '')) as Record<string, unknown>;
    assert.equal(event.DurationInMinutes, 45);
  });

  it('rejects an Opportunity stage outside the picklist', async () => {
    const err = await salesforceError(conn.sobject('Opportunity').create({ Name: 'X', StageName: 'Qualified Lead', CloseDate: '2026-12-31' }));
    assert.equal(err.errorCode, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  });

  it('creates, updates and upserts collections of up to 200 records', async () => {
    const leads = Array.from({ length: 200 }, (_, i) => ({ LastName: `L${i}`, Company: 'Co', Email: `l${i}@example.com` }));
    const created = (await conn.sobject('Lead').create(leads)) as SaveResult[];
    assert.equal(created.filter((r) => r.success).length, 200);
    const updated = (await conn.sobject('Lead').update(created.slice(0, 2).map((r) => ({ Id: r.id ?? '', Title: 'CEO' })))) as SaveResult[];
    assert.deepEqual(updated.map((r) => r.success), [true, true]);
    const upserted = (await conn.sobject('Lead').upsert(
      [
        { Email: 'l0@example.com', Title: 'CTO' },
        { Email: 'a#b+c%d@example.com', LastName: 'Odd', Company: 'Co' },
      ],
      'Email',
    )) as SaveResult[];
    assert.deepEqual(upserted.map((r) => [r.success, r.created]), [[true, false], [true, true]]);
    const odd = await conn.query<{ Email: string }>("SELECT Email FROM Lead WHERE Email = 'a#b+c%d@example.com'");
    assert.equal(odd.totalSize, 1);
  });

  it('refuses a collection of 201 records', async () => {
    const leads = Array.from({ length: 201 }, (_, i) => ({ LastName: `L${i}`, Company: 'Co' }));
    const err = await salesforceError(conn.sobject('Lead').create(leads));
    assert.equal(err.errorCode, 'EXCEEDED_ID_LIMIT');
  });

  it('rolls back the whole collection with allOrNone when one record fails', async () => {
    const res = (await conn.sobject('Lead').create([{ LastName: 'Ok', Company: 'Co' }, { LastName: 'NoCompany' }], { allOrNone: true })) as SaveResult[];
    assert.deepEqual(res.map((r) => r.errors[0]?.statusCode), ['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'REQUIRED_FIELD_MISSING']);
    assert.equal(sandbox.inspect().records.salesforce.Lead, 0);
  });

  it('saves the valid records of a collection without allOrNone', async () => {
    const res = (await conn.sobject('Lead').create([{ LastName: 'Ok', Company: 'Co' }, { LastName: 'NoCompany' }])) as SaveResult[];
    assert.deepEqual(res.map((r) => r.success), [true, false]);
  });

  it('reports the same email twice in one upsert collection as DUPLICATE_EXTERNAL_ID for the second', async () => {
    const res = (await conn.sobject('Lead').upsert(
      [
        { Email: 'same@example.com', LastName: 'A', Company: 'Co' },
        { Email: 'same@example.com', LastName: 'B', Company: 'Co' },
      ],
      'Email',
    )) as SaveResult[];
    assert.deepEqual(res.map((r) => r.success), [true, false]);
  });

  it('answers DUPLICATES_DETECTED when a duplicate rule is active, unless allowSave is sent', async () => {
    sandbox.configure({ salesforce: { duplicateRules: { Lead: true } } });
    await conn.sobject('Lead').create({ LastName: 'A', Company: 'Co', Email: 'dupe@example.com' });
    const err = await salesforceError(conn.sobject('Lead').create({ LastName: 'B', Company: 'Co', Email: 'dupe@example.com' }));
    assert.equal(err.errorCode, 'DUPLICATES_DETECTED');
    const allowed = (await conn.sobject('Lead').create(
      { LastName: 'B', Company: 'Co', Email: 'dupe@example.com' },
      { headers: { 'Sforce-Duplicate-Rule-Header': 'allowSave=true' } },
    )) as SaveResult;
    assert.equal(allowed.success, true);
    sandbox.configure({ salesforce: { duplicateRules: { Lead: false } } });
  });

  it('describes Opportunity with the standard stage picklist', async () => {
    const describe = await conn.sobject('Opportunity').describe();
    const stage = describe.fields.find((f) => f.name === 'StageName');
    assert.deepEqual(stage?.picklistValues?.map((p) => p.value).slice(0, 2), ['Prospecting', 'Qualification']);
    assert.equal(stage?.picklistValues?.at(-1)?.value, 'Closed Lost');
  });

  it('creates a custom External ID field through the Tooling API and upserts by it', async () => {
    const res = (await conn.tooling.sobject('CustomField').create({
      FullName: 'Lead.Synaptiq_Lead_Id__c',
      Metadata: { label: 'Synaptiq Lead Id', type: 'Text', length: 64, externalId: true, unique: true },
    })) as SaveResult;
    assert.equal(res.success, true);
    const describe = await conn.request<{ fields: { name: string; externalId: boolean }[] }>('/services/data/v62.0/sobjects/Lead/describe');
    assert.equal(describe.fields.find((f) => f.name === 'Synaptiq_Lead_Id__c')?.externalId, true);
    const up = (await conn.sobject('Lead').upsert([{ Synaptiq_Lead_Id__c: 'lead-1', LastName: 'X', Company: 'Y' }], 'Synaptiq_Lead_Id__c')) as SaveResult[];
    assert.equal(up[0]?.created, true);
    const clash = await salesforceError(conn.sobject('Lead').create({ Synaptiq_Lead_Id__c: 'LEAD-1', LastName: 'Z', Company: 'Y' }));
    assert.equal(clash.errorCode, 'DUPLICATE_VALUE');
  });

  it('adds an Activity custom field to both Task and Event', async () => {
    await conn.tooling.sobject('CustomField').create({ FullName: 'Activity.Synaptiq_Conversation__c', Metadata: { label: 'Conversation', type: 'Text', length: 255 } });
    const lead = (await conn.sobject('Lead').create({ LastName: 'L', Company: 'C' })) as SaveResult;
    const task = (await conn.sobject('Task').create({ Subject: 'Chat', WhoId: lead.id, Synaptiq_Conversation__c: 'c-1' })) as SaveResult;
    const event = (await conn.sobject('Event').create({ Subject: 'Demo', StartDateTime: '2026-11-27T09:00:00Z', EndDateTime: '2026-11-27T09:30:00Z', Synaptiq_Conversation__c: 'c-1' })) as SaveResult;
    assert.deepEqual([task.success, event.success], [true, true]);
  });

  describe('Composite', () => {
    type CompositeResponse = { compositeResponse: { httpStatusCode: number; body: unknown; referenceId: string }[] };
    const composite = (allOrNone: boolean, taskStatus: string) =>
      conn.requestPost<CompositeResponse>('/services/data/v62.0/composite', {
        allOrNone,
        compositeRequest: [
          { method: 'POST', url: '/services/data/v62.0/sobjects/Lead', referenceId: 'lead', body: { LastName: 'Ref', Company: 'Co' } },
          { method: 'POST', url: '/services/data/v62.0/sobjects/Task', referenceId: 'task', body: { Subject: 'Chat', WhoId: '@{lead.id}', Status: taskStatus } },
        ],
      });

    it('runs subrequests with references and counts one API call', async () => {
      const res = await composite(true, 'Completed');
      assert.deepEqual(res.compositeResponse.map((r) => r.httpStatusCode), [201, 201]);
      const tasks = await conn.query<{ WhoId: string }>('SELECT WhoId FROM Task');
      assert.equal(tasks.records[0]?.WhoId, (res.compositeResponse[0]?.body as { id: string }).id);
      assert.equal(sandbox.inspect().totals.salesforce, 2);
    });

    it('rolls back every subrequest with allOrNone when one fails', async () => {
      const res = await composite(true, '');
      assert.deepEqual(res.compositeResponse.map((r) => r.httpStatusCode), [400, 400]);
      assert.equal(sandbox.inspect().records.salesforce.Lead, 0);
    });
  });
});
