import assert from 'node:assert/strict';
import type { RecordWrite } from '../../../../shared/src/schemas/crm';
import { api, buildAdapter, page, useFakeOrg } from './helpers';

const account: RecordWrite = { key: 'company:acme', properties: { Name: 'Acme' } };
const accountPath = `${api}/composite/sobjects/Account/Synaptiq_Key__c`;
const saved = [{ id: '001A', success: true, errors: [], created: true }];

describe('SalesforceCrmAdapter failures', () => {
  const org = useFakeOrg();

  it('names the field and the fix when a mapped field does not exist', async () => {
    org().expect({
      method: 'PATCH',
      path: accountPath,
      status: 400,
      reply: [{ errorCode: 'INVALID_FIELD', message: "No such column 'Tier__c' on sobject of type Account", fields: [] }],
    });
    await assert.rejects(buildAdapter(org()).upsertRecords('company', [account]), (error: Error & { code?: string; details?: Record<string, unknown> }) => {
      assert.equal(error.code, 'crm.invalid_property');
      assert.equal(error.details?.field, 'Tier__c');
      assert.match(error.message, /Update the field mapping/);
      return true;
    });
  });

  it('pauses on the daily allocation (403 REQUEST_LIMIT_EXCEEDED) without retrying, reporting the usage', async () => {
    org().expect({
      method: 'GET',
      path: `${api}/sobjects/Lead/describe`,
      status: 403,
      replyHeaders: { 'sforce-limit-info': 'api-usage=15000/15000' },
      reply: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }],
    });
    await assert.rejects(buildAdapter(org()).listProperties('contact'), (error: Error & { code?: string; details?: Record<string, unknown> }) => {
      assert.equal(error.code, 'crm.daily_quota_exhausted');
      assert.deepEqual(error.details?.api_usage, { used: 15000, limit: 15000 });
      return true;
    });
    assert.equal(org().received.length, 1);
  });

  it('reports the API usage Salesforce sends with every answer', async () => {
    org().expect({ method: 'GET', path: `${api}/query`, replyHeaders: { 'sforce-limit-info': 'api-usage=25/15000' }, reply: page([]) });
    const adapter = buildAdapter(org());
    await adapter.listOwners();
    assert.deepEqual(adapter.apiUsage(), { used: 25, limit: 15000 });
  });

  it('retries an upsert after a 503 and returns one result: the retry cannot create twice', async () => {
    org()
      .expect({ method: 'PATCH', path: accountPath, status: 503, reply: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Server unavailable' }] })
      .expect({ method: 'PATCH', path: accountPath, reply: saved });
    const results = await buildAdapter(org()).upsertRecords('company', [account]);
    assert.equal(results.length, 1);
    const bodies = org().callsTo('PATCH', accountPath).map((r) => r.body);
    assert.deepEqual(bodies[0], bodies[1]);
  });

  it('retries after a reset connection', async () => {
    org().expect({ method: 'PATCH', path: accountPath, destroy: true }).expect({ method: 'PATCH', path: accountPath, reply: saved });
    const [result] = await buildAdapter(org()).upsertRecords('company', [account]);
    assert.equal(result?.ok, true);
  });

  it('gives up as transient after five failed attempts', async () => {
    org().expect({ method: 'GET', path: `${api}/query`, status: 500, times: 5, reply: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred' }] });
    await assert.rejects(buildAdapter(org()).listOwners(), { code: 'crm.transient' });
    assert.equal(org().received.length, 5);
  });

  it('treats an HTML maintenance page as transient', async () => {
    org()
      .expect({ method: 'GET', path: `${api}/query`, status: 503, replyHeaders: { 'content-type': 'text/html' }, reply: 'down for maintenance' })
      .expect({ method: 'GET', path: `${api}/query`, reply: page([]) });
    assert.deepEqual(await buildAdapter(org()).listOwners(), []);
  });

  it('reports a record Salesforce no longer has as not found', async () => {
    org().expect({
      method: 'PATCH',
      path: `${api}/composite/sobjects`,
      reply: [{ success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }] }],
    });
    const [result] = await buildAdapter(org()).upsertRecords('deal', [{ key: 'lead:1:deal', id: '006A', properties: { StageName: 'Closed Won' } }]);
    assert.equal(result?.ok === false && result.error.code, 'crm.not_found');
  });

  it('reports a record blocked by a duplicate rule as a duplicate-rule failure', async () => {
    org().expect({
      method: 'PATCH',
      path: `${api}/composite/sobjects/Lead/Email`,
      reply: [{ success: false, errors: [{ statusCode: 'DUPLICATES_DETECTED', message: 'Use one of these records?', fields: [] }] }],
    });
    const [result] = await buildAdapter(org()).upsertRecords('contact', [{ key: 'lead:1:contact', matchBy: { field: 'email', value: 'a@x.com' }, properties: { LastName: 'Lee', Company: 'X' } }]);
    assert.equal(result?.ok === false && result.error.code, 'crm.duplicate_rule');
    assert.match(result?.ok === false ? result.error.message : '', /Duplicate Handling/);
  });

  it('says the session expired when it cannot refresh (no connected app configured)', async () => {
    org().expect({ method: 'GET', path: `${api}/query`, status: 401, reply: [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }] });
    await assert.rejects(buildAdapter(org(), { oauth: undefined }).listOwners(), { code: 'crm.auth_expired' });
  });
});
