import assert from 'node:assert/strict';
import nock from 'nock';
import { startSandbox, type RunningSandbox, type SandboxConfigInput } from '@synaptiq/sandbox-crm';
import {
  createSalesforceAdapter,
  exchangeSalesforceCode,
  salesforceAuthorizationUrl,
  type CreateSalesforceAdapterOptions,
  type SalesforceCrmAdapter,
  type SalesforceTokens,
} from '../../../../shared/src/adapters/salesforce';
import type { CrmConnection } from '../../../../shared/src/schemas/settings';
import type { CrmObjectType } from '../../../../shared/src/schemas/crm';
import { fakeClock } from './helpers';

/**
 * The adapter, on unmodified jsforce, against the sandbox CRM (instanceUrl and loginUrl = its URL):
 * every port operation, once, as a user's relay would run it.
 */

const app = { clientId: 'synaptiq-relay', clientSecret: 'sandbox-secret', redirectUri: 'http://127.0.0.1/oauth/salesforce' };
const keyed: CrmObjectType[] = ['company', 'deal', 'note', 'meeting'];

describe('SalesforceCrmAdapter against the sandbox CRM', function () {
  this.timeout(30_000);
  let sandbox: RunningSandbox;
  const clock = fakeClock(Date.now());

  async function start(config: SandboxConfigInput = {}): Promise<void> {
    sandbox = await startSandbox({ port: 0, clock, config: { auth: { clients: [{ clientId: app.clientId, clientSecret: app.clientSecret }] }, ...config } });
  }

  /** Connects like a user does: authorize, follow the redirect's code, exchange it. */
  async function connect(): Promise<CrmConnection> {
    const client = { ...app, loginUrl: sandbox.url };
    const authorize = await fetch(salesforceAuthorizationUrl(client, 'state-123'), { redirect: 'manual' });
    const location = new URL(authorize.headers.get('location') ?? '');
    assert.equal(location.searchParams.get('state'), 'state-123');
    return exchangeSalesforceCode(client, location.searchParams.get('code') ?? '');
  }

  function adapterFor(connection: CrmConnection, options: Partial<CreateSalesforceAdapterOptions> = {}): SalesforceCrmAdapter {
    return createSalesforceAdapter({
      connection,
      oauth: app,
      loginUrl: sandbox.url,
      instanceUrl: sandbox.url,
      personObject: 'Lead',
      clock,
      retry: { sleep: () => Promise.resolve(), random: () => 0.5 },
      ...options,
    });
  }

  async function readyAdapter(options: Partial<CreateSalesforceAdapterOptions> = {}): Promise<SalesforceCrmAdapter> {
    const adapter = adapterFor(await connect(), options);
    for (const type of keyed) {
      await adapter.createProperty(type, { name: 'Synaptiq_Key__c', label: 'Synaptiq Key', type: 'string', unique: true });
    }
    return adapter;
  }

  /** Calls counted against the daily allocation, as Salesforce reports them (Sforce-Limit-Info). */
  const usage = (adapter: SalesforceCrmAdapter) => adapter.apiUsage()?.used ?? 0;

  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  after(() => nock.enableNetConnect());
  afterEach(async () => sandbox?.close());

  it('connects through the web-server flow and verifies the connection', async () => {
    await start();
    const connection = await connect();
    assert.equal(connection.provider, 'salesforce');
    const info = await adapterFor(connection).verifyConnection();
    assert.equal(info.accountId, '00D5g000004SandAAA');
  });

  it('creates the key field, then sees it among the properties', async () => {
    await start();
    const adapter = await readyAdapter();
    const properties = await adapter.listProperties('company');
    assert.ok(properties.some((p) => p.name === 'Synaptiq_Key__c' && p.custom));
    assert.ok(properties.some((p) => p.name === 'Name'));
  });

  it('upserts a Lead by an email with #, + and % twice into one record, then finds it by email', async () => {
    await start();
    const adapter = await readyAdapter();
    const email = "o'neil#1+sales%x@acme.com";
    const write = { key: 'lead:1:contact', matchBy: { field: 'email' as const, value: email }, properties: { LastName: 'Neil', Company: 'Acme', Phone: '(555) 123-4567' } };
    const [first] = await adapter.upsertRecords('contact', [write]);
    const [second] = await adapter.upsertRecords('contact', [{ ...write, properties: { ...write.properties, Title: 'CTO' } }]);
    assert.ok(first?.ok && second?.ok);
    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(second.id, first.id);
    const found = await adapter.findContactsByEmail([email.toUpperCase()]);
    assert.deepEqual(found.map((c) => [c.id, c.email]), [[first.id, email]]);
    const candidates = await adapter.findContactCandidates([{ ref: 'l2', phone: '+1 555-123-4567' }, { ref: 'l3', lastName: 'neil', company: 'ACME Corp' }]);
    assert.deepEqual([...candidates.values()].map((list) => list.map((c) => c.id)), [[first.id], [first.id]]);
  });

  it('writes a company, a deal linked to it, a note and a meeting on the Lead, idempotently by key', async () => {
    await start();
    const adapter = await readyAdapter();
    const [lead] = await adapter.upsertRecords('contact', [{ key: 'lead:1:contact', matchBy: { field: 'email', value: 'ann@acme.com' }, properties: { LastName: 'Lee', Company: 'Acme' } }]);
    const [company] = await adapter.upsertRecords('company', [{ key: 'company:acme', properties: { Name: 'Acme' } }]);
    assert.ok(lead?.ok && company?.ok);
    const deal = { key: 'lead:1:deal', properties: { Name: 'Acme deal', StageName: 'Qualification', CloseDate: '2026-12-26' }, associations: [{ objectType: 'company' as const, id: company.id }] };
    const [firstDeal] = await adapter.upsertRecords('deal', [deal]);
    const [againDeal] = await adapter.upsertRecords('deal', [deal]);
    assert.ok(firstDeal?.ok && againDeal?.ok);
    assert.equal(againDeal.id, firstDeal.id);
    const on = [{ objectType: 'contact' as const, id: lead.id }, { objectType: 'deal' as const, id: firstDeal.id }];
    const [note] = await adapter.upsertRecords('note', [{ key: 'lead:1:note:c1', properties: { Subject: 'Conversation', ActivityDate: '2026-11-26', Status: 'Completed', Description: 'Hi' }, associations: on }]);
    const [meeting] = await adapter.upsertRecords('meeting', [
      { key: 'lead:1:meeting:m1', properties: { Subject: 'Demo', StartDateTime: '2026-12-01T15:00:00.000Z', EndDateTime: '2026-12-01T15:30:00.000Z', Location: 'Zoom' }, associations: on },
    ]);
    assert.equal(note?.ok, true, JSON.stringify(note));
    assert.equal(meeting?.ok, true, JSON.stringify(meeting));
  });

  it('writes Contacts linked to their Account when people are Contacts', async () => {
    await start();
    const adapter = await readyAdapter({ personObject: 'Contact' });
    const [company] = await adapter.upsertRecords('company', [{ key: 'company:acme', properties: { Name: 'Acme' } }]);
    assert.ok(company?.ok);
    const [contact] = await adapter.upsertRecords('contact', [
      { key: 'lead:1:contact', matchBy: { field: 'email', value: 'ann@acme.com' }, properties: { LastName: 'Lee' }, associations: [{ objectType: 'company', id: company.id }] },
    ]);
    assert.equal(contact?.ok, true, JSON.stringify(contact));
    const [found] = await adapter.findContactsByEmail(['ann@acme.com']);
    assert.equal(found?.company, 'Acme');
  });

  it('syncs 450 leads for one call of the daily allocation, and finds them all with one more', async () => {
    await start();
    const adapter = await readyAdapter();
    const writes = Array.from({ length: 450 }, (_, i) => ({ key: `lead:${i}:contact`, matchBy: { field: 'email' as const, value: `lead${i}@acme.com` }, properties: { LastName: `Lee ${i}`, Company: 'Acme' } }));
    const usedBefore = usage(adapter);
    const results = await adapter.upsertRecords('contact', writes);
    assert.equal(results.filter((r) => r.ok && r.created).length, 450);
    assert.equal(usage(adapter) - usedBefore, 1);
    const found = await adapter.findContactsByEmail(writes.map((w) => w.matchBy.value));
    assert.equal(found.length, 450);
    assert.equal(usage(adapter) - usedBefore, 2);
  });

  it('updates the oldest Lead when an email already belongs to two', async () => {
    await start();
    const adapter = await readyAdapter({ personObject: 'Lead' });
    const [oldest] = await adapter.upsertRecords('contact', [{ key: 'a', matchBy: { field: 'email', value: 'dup@acme.com' }, properties: { LastName: 'First', Company: 'Acme' } }]);
    clock.advance(1000);
    const raw = await fetch(`${sandbox.url}/services/data/v62.0/sobjects/Lead`, {
      method: 'POST',
      headers: { authorization: 'Bearer any', 'content-type': 'application/json' },
      body: JSON.stringify({ LastName: 'Second', Company: 'Acme', Email: 'dup@acme.com' }),
    });
    assert.equal(raw.status, 201);
    const [result] = await adapter.upsertRecords('contact', [{ key: 'b', matchBy: { field: 'email', value: 'dup@acme.com' }, properties: { Title: 'CEO' } }]);
    assert.ok(oldest?.ok && result?.ok, JSON.stringify(result));
    assert.equal(result.id, oldest.id);
  });

  it('lists the opportunity stages, the active users and the changes since a time, page by page', async () => {
    await start({ salesforce: { queryBatchSize: 2 } });
    const adapter = await readyAdapter();
    const since = new Date(clock.now() - 1000).toISOString();
    await adapter.upsertRecords('company', ['a', 'b', 'c'].map((name) => ({ key: `company:${name}`, properties: { Name: name } })));
    const [pipeline] = await adapter.listPipelines();
    assert.ok((pipeline?.stages.length ?? 0) > 0);
    assert.ok(pipeline?.stages.some((s) => s.closedWon === true));
    const owners = await adapter.listOwners();
    assert.ok(owners.length > 0 && owners.every((o) => o.active));
    const first = await adapter.listChanges('company', since, null);
    assert.equal(first.records.length, 2);
    assert.ok(first.nextCursor);
    const second = await adapter.listChanges('company', since, first.nextCursor);
    assert.deepEqual(second.records.map((r) => r.properties.Name), ['c']);
    assert.equal(second.nextCursor, null);
  });

  it('refreshes an expired session, adopting and persisting the rotated refresh token', async () => {
    await start({ salesforce: { rotateRefreshTokens: true, sessionTtlSeconds: 60 } });
    const connection = await connect();
    const persisted: SalesforceTokens[] = [];
    const adapter = adapterFor(connection, { onTokens: (t) => void persisted.push(t) });
    clock.advance(120_000);
    await Promise.all([adapter.listOwners(), adapter.listPipelines()]);
    assert.equal(sandbox.inspect().tokenCalls.salesforce, 2, 'one code exchange, one refresh');
    assert.equal(persisted.length, 1);
    assert.notEqual(persisted[0]?.refreshToken, connection.auth === 'oauth' ? connection.refresh_token : '');
    clock.advance(120_000);
    await adapter.listOwners();
    assert.equal(sandbox.inspect().tokenCalls.salesforce, 3, 'the rotated refresh token worked');
  });

  it('reports an unknown field as an invalid property naming it', async () => {
    await start();
    const adapter = await readyAdapter();
    await assert.rejects(adapter.upsertRecords('company', [{ key: 'company:x', properties: { Name: 'X', Tier__c: 'Gold' } }]).then((r) => {
      if (r[0] && !r[0].ok) throw Object.assign(new Error(r[0].error.message), r[0].error);
    }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'crm.invalid_property');
      assert.match(error.message, /Tier__c/);
      return true;
    });
  });

  it('recovers from an injected 503 without a duplicate', async () => {
    await start();
    const adapter = await readyAdapter();
    const accountsBefore = sandbox.inspect().records.salesforce.Account ?? 0;
    sandbox.configure({ faults: { next: [{ status: 503, times: 1, api: 'salesforce', pathPrefix: '/services/data/v62.0/composite' }] } });
    const [result] = await adapter.upsertRecords('company', [{ key: 'company:acme', properties: { Name: 'Acme' } }]);
    assert.equal(result?.ok, true);
    assert.equal(sandbox.inspect().faultsInjected, 1);
    assert.equal(sandbox.inspect().records.salesforce.Account, accountsBefore + 1);
  });

  it('pauses when the daily allocation is used up', async () => {
    await start({ salesforce: { dailyApiLimit: 6 } });
    const adapter = await readyAdapter();
    await assert.rejects(
      (async () => {
        for (;;) await adapter.listOwners();
      })(),
      { code: 'crm.daily_quota_exhausted' },
    );
    assert.deepEqual(adapter.apiUsage(), { used: 6, limit: 6 });
  });
});
