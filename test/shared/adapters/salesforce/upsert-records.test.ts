import assert from 'node:assert/strict';
import type { RecordWrite } from '../../../../shared/src/schemas/crm';
import { api, bearer, buildAdapter, compositeOf, page, recordsOf, subrequestsOf, useFakeOrg } from './helpers';

const lead = (i: number, email = `lead${i}@acme.com`): RecordWrite => ({
  key: `lead:${i}:contact`,
  matchBy: { field: 'email', value: email },
  properties: { LastName: `Lee ${i}`, Company: 'Acme' },
});
const leadBody = (i: number, email = `lead${i}@acme.com`) => ({ attributes: { type: 'Lead' }, LastName: `Lee ${i}`, Company: 'Acme', Email: email });
const saved = (id: string, created = true) => ({ id, success: true, errors: [], created });

describe('SalesforceCrmAdapter.upsertRecords', () => {
  const org = useFakeOrg();

  it('upserts Leads by Email through the collection form, the email in the body, never in the URL', async () => {
    const email = "o'neil#1+sales%x@acme.com";
    org().expect({
      method: 'PATCH',
      path: `${api}/composite/sobjects/Lead/Email`,
      headers: { ...bearer(), 'content-type': 'application/json' },
      body: { allOrNone: false, records: [leadBody(1, email)] },
      reply: [saved('00Q000000000001')],
    });
    const results = await buildAdapter(org()).upsertRecords('contact', [lead(1, email)]);
    assert.deepEqual(results, [
      { key: 'lead:1:contact', ok: true, id: '00Q000000000001', created: true, url: `${org().url}/lightning/r/Lead/00Q000000000001/view` },
    ]);
  });

  it('sends 450 leads as three collections of 200, 200 and 50 in one Composite call, results in input order', async () => {
    const writes = Array.from({ length: 450 }, (_, i) => lead(i));
    org().expect({
      method: 'POST',
      path: `${api}/composite`,
      headers: bearer(),
      answer: compositeOf((sub) => recordsOf(sub.body).map((record) => saved(`id-${String(record.Email)}`, false))),
    });
    const results = await buildAdapter(org()).upsertRecords('contact', writes);
    const [call] = org().received;
    assert.equal((call?.body as { allOrNone: boolean }).allOrNone, false);
    assert.deepEqual(
      subrequestsOf(call?.body).map((sub) => [sub.method, sub.url, sub.referenceId, recordsOf(sub.body).length]),
      [
        ['PATCH', `${api}/composite/sobjects/Lead/Email`, 'r0', 200],
        ['PATCH', `${api}/composite/sobjects/Lead/Email`, 'r1', 200],
        ['PATCH', `${api}/composite/sobjects/Lead/Email`, 'r2', 50],
      ],
    );
    assert.deepEqual(
      results.map((r) => (r.ok ? r.id : null)),
      writes.map((w) => `id-${w.matchBy?.value}`),
    );
  });

  it('uses one Composite call per five collections: 1,200 leads take two calls', async () => {
    org().expect({ method: 'POST', path: `${api}/composite`, times: 2, answer: compositeOf((sub) => recordsOf(sub.body).map(() => saved('00Q'))) });
    await buildAdapter(org()).upsertRecords('contact', Array.from({ length: 1200 }, (_, i) => lead(i)));
    assert.deepEqual(org().received.map((r) => subrequestsOf(r.body).length), [5, 1]);
  });

  it('fails the call with the classified error of a failed collection inside a Composite call', async () => {
    org().expect({
      method: 'POST',
      path: `${api}/composite`,
      reply: {
        compositeResponse: [
          { referenceId: 'r0', httpStatusCode: 200, body: Array.from({ length: 200 }, () => saved('00Q')) },
          { referenceId: 'r1', httpStatusCode: 400, body: [{ errorCode: 'INVALID_FIELD', message: "No such column 'Tier__c' on sobject of type Lead", fields: [] }] },
        ],
      },
    });
    await assert.rejects(buildAdapter(org()).upsertRecords('contact', Array.from({ length: 201 }, (_, i) => lead(i))), { code: 'crm.invalid_property' });
  });

  it('retries the Composite call when a collection inside it fails with a server error', async () => {
    org()
      .expect({
        method: 'POST',
        path: `${api}/composite`,
        reply: {
          compositeResponse: [
            { referenceId: 'r0', httpStatusCode: 200, body: Array.from({ length: 200 }, () => saved('00Q')) },
            { referenceId: 'r1', httpStatusCode: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred' }] },
          ],
        },
      })
      .expect({ method: 'POST', path: `${api}/composite`, answer: compositeOf((sub) => recordsOf(sub.body).map(() => saved('00Q', false))) });
    const results = await buildAdapter(org()).upsertRecords('contact', Array.from({ length: 201 }, (_, i) => lead(i)));
    assert.equal(results.filter((r) => r.ok).length, 201);
    assert.equal(org().received.length, 2);
  });

  it('updates known ids by Id and upserts the others by Synaptiq_Key__c, both in one Composite call', async () => {
    org().expect({
      method: 'POST',
      path: `${api}/composite`,
      body: {
        allOrNone: false,
        compositeRequest: [
          {
            method: 'PATCH',
            url: `${api}/composite/sobjects`,
            referenceId: 'r0',
            body: { allOrNone: false, records: [{ attributes: { type: 'Opportunity' }, StageName: 'Closed Won', id: '006B' }] },
          },
          {
            method: 'PATCH',
            url: `${api}/composite/sobjects/Opportunity/Synaptiq_Key__c`,
            referenceId: 'r1',
            body: {
              allOrNone: false,
              records: [{ attributes: { type: 'Opportunity' }, Name: 'Acme deal', StageName: 'Qualification', CloseDate: '2026-12-26', AccountId: '001A', Synaptiq_Key__c: 'lead:1:deal' }],
            },
          },
        ],
      },
      reply: {
        compositeResponse: [
          { referenceId: 'r0', httpStatusCode: 200, body: [{ id: '006B', success: true, errors: [] }] },
          { referenceId: 'r1', httpStatusCode: 200, body: [saved('006A')] },
        ],
      },
    });
    const results = await buildAdapter(org()).upsertRecords('deal', [
      { key: 'lead:2:deal', id: '006B', properties: { StageName: 'Closed Won' } },
      {
        key: 'lead:1:deal',
        properties: { Name: 'Acme deal', StageName: 'Qualification', CloseDate: '2026-12-26' },
        associations: [{ objectType: 'company', id: '001A' }],
      },
    ]);
    assert.deepEqual(
      results.map((r) => r.ok && [r.key, r.id, r.created]),
      [['lead:2:deal', '006B', false], ['lead:1:deal', '006A', true]],
    );
  });

  it('upserts Accounts by Synaptiq_Key__c', async () => {
    org().expect({
      method: 'PATCH',
      path: `${api}/composite/sobjects/Account/Synaptiq_Key__c`,
      body: { allOrNone: false, records: [{ attributes: { type: 'Account' }, Name: 'Acme', Website: 'acme.com', Synaptiq_Key__c: 'company:acme' }] },
      reply: [saved('001A')],
    });
    const [result] = await buildAdapter(org()).upsertRecords('company', [{ key: 'company:acme', properties: { Name: 'Acme', Website: 'acme.com' } }]);
    assert.equal(result?.ok && result.id, '001A');
  });

  it('logs a note on a Lead as a Task with WhoId only, since a Lead WhoId cannot have a WhatId', async () => {
    org().expect({
      method: 'PATCH',
      path: `${api}/composite/sobjects/Task/Synaptiq_Key__c`,
      body: {
        allOrNone: false,
        records: [{ attributes: { type: 'Task' }, Subject: 'Synaptiq conversation', ActivityDate: '2026-11-26', Status: 'Completed', Description: 'Hi', WhoId: '00QA', Synaptiq_Key__c: 'lead:1:note:c1' }],
      },
      reply: [saved('00TA')],
    });
    const [result] = await buildAdapter(org()).upsertRecords('note', [
      {
        key: 'lead:1:note:c1',
        properties: { Subject: 'Synaptiq conversation', ActivityDate: '2026-11-26', Status: 'Completed', Description: 'Hi' },
        associations: [{ objectType: 'contact', id: '00QA' }, { objectType: 'deal', id: '006A' }],
      },
    ]);
    assert.equal(result?.ok, true);
  });

  it('books a meeting of a Contact as an Event linked to the Contact and the Opportunity', async () => {
    org().expect({
      method: 'PATCH',
      path: `${api}/composite/sobjects/Event/Synaptiq_Key__c`,
      body: {
        allOrNone: false,
        records: [{ attributes: { type: 'Event' }, Subject: 'Demo', StartDateTime: '2026-12-01T15:00:00.000Z', EndDateTime: '2026-12-01T15:30:00.000Z', Location: 'Zoom', WhoId: '003A', WhatId: '006A', Synaptiq_Key__c: 'lead:1:meeting:m1' }],
      },
      reply: [saved('00UA')],
    });
    const [result] = await buildAdapter(org(), { personObject: 'Contact' }).upsertRecords('meeting', [
      {
        key: 'lead:1:meeting:m1',
        properties: { Subject: 'Demo', StartDateTime: '2026-12-01T15:00:00.000Z', EndDateTime: '2026-12-01T15:30:00.000Z', Location: 'Zoom' },
        associations: [{ objectType: 'contact', id: '003A' }, { objectType: 'deal', id: '006A' }, { objectType: 'company', id: '001A' }],
      },
    ]);
    assert.equal(result?.ok && result.url, `${org().url}/lightning/r/Event/00UA/view`);
  });

  it('writes Contacts, linked to their Account, when people are Contacts', async () => {
    org().expect({
      method: 'PATCH',
      path: `${api}/composite/sobjects/Contact/Email`,
      body: { allOrNone: false, records: [{ attributes: { type: 'Contact' }, LastName: 'Lee', AccountId: '001A', Email: 'ann@acme.com' }] },
      reply: [saved('003A')],
    });
    const [result] = await buildAdapter(org(), { personObject: 'Contact' }).upsertRecords('contact', [
      { key: 'lead:1:contact', matchBy: { field: 'email', value: 'ann@acme.com' }, properties: { LastName: 'Lee' }, associations: [{ objectType: 'company', id: '001A' }] },
    ]);
    assert.equal(result?.ok && result.id, '003A');
  });

  it('returns a per-record failure with its class and leaves the other records saved', async () => {
    org().expect({
      method: 'PATCH',
      path: `${api}/composite/sobjects/Lead/Email`,
      reply: [
        saved('00Q1'),
        { success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Company]', fields: ['Company'] }] },
      ],
    });
    const [first, second] = await buildAdapter(org()).upsertRecords('contact', [lead(1), lead(2)]);
    assert.equal(first?.ok, true);
    assert.equal(second?.ok === false && second.error.code, 'crm.validation');
    assert.equal(second?.ok === false && second.error.details.field, 'Company');
  });

  it('updates the oldest record when an email matches several Leads (Multiple Choices)', async () => {
    org()
      .expect({
        method: 'PATCH',
        path: `${api}/composite/sobjects/Lead/Email`,
        reply: [
          saved('00Q1'),
          { success: false, errors: [{ statusCode: 'DUPLICATE_EXTERNAL_ID', message: 'Email: more than one record found for external id field: [00QB, 00QA]', fields: [] }] },
        ],
      })
      .expect({
        method: 'GET',
        path: `${api}/query`,
        query: {
          q: "SELECT Id, Email, FirstName, LastName, Phone, MobilePhone, Title, Company, Status, OwnerId, SystemModstamp FROM Lead WHERE Email IN ('dup@acme.com') AND IsConverted = false ORDER BY CreatedDate, Id",
        },
        reply: page([{ Id: '00QA', Email: 'Dup@acme.com' }, { Id: '00QB', Email: 'dup@acme.com' }]),
      })
      .expect({
        method: 'PATCH',
        path: `${api}/composite/sobjects`,
        body: { allOrNone: false, records: [{ attributes: { type: 'Lead' }, LastName: 'Lee 2', Company: 'Acme', id: '00QA' }] },
        reply: [{ id: '00QA', success: true, errors: [] }],
      });
    const results = await buildAdapter(org()).upsertRecords('contact', [lead(1), lead(2, 'dup@acme.com')]);
    assert.deepEqual(
      results.map((r) => r.ok && [r.id, r.created]),
      [['00Q1', true], ['00QA', false]],
    );
  });

  it('sends a repeated email in a later collection, which Composite runs after the first has landed', async () => {
    org().expect({ method: 'POST', path: `${api}/composite`, answer: compositeOf(() => [saved('00Q1')]) });
    const results = await buildAdapter(org()).upsertRecords('contact', [lead(1, 'same@acme.com'), lead(2, 'SAME@acme.com')]);
    assert.deepEqual(subrequestsOf(org().received[0]?.body).map((sub) => recordsOf(sub.body).map((r) => r.Email)), [['same@acme.com'], ['SAME@acme.com']]);
    assert.deepEqual(results.map((r) => r.ok), [true, true]);
  });

  it('makes no call for no writes', async () => {
    assert.deepEqual(await buildAdapter(org()).upsertRecords('company', []), []);
    assert.equal(org().received.length, 0);
  });
});
