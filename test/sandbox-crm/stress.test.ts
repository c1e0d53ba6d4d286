import assert from 'node:assert/strict';
import type { RunningSandbox } from '../../sandbox-crm/src/index';
import { FakeClock, hubspotClient, hubspotError, salesforceConnection, salesforceError, sandboxFor } from './helpers';

describe('sandbox CRM: rate limits and injected faults', () => {
  let sandbox: RunningSandbox;
  const clock = new FakeClock();

  before(async () => {
    sandbox = await sandboxFor({ clock, random: () => 0 });
  });
  after(() => sandbox.close());
  beforeEach(() => {
    sandbox.reset();
    sandbox.configure({
      hubspot: { tier: 'starter', rateLimit: { enabled: false, perTenSeconds: null, daily: null } },
      salesforce: { dailyApiLimit: 15_000 },
      faults: { errorRate: 0, lockedRate: 0, outage: null, next: [] },
    });
  });

  const listContacts = () => hubspotClient(sandbox).crm.contacts.basicApi.getPageWithHttpInfo();

  it('sends X-HubSpot-RateLimit-* headers that count down', async () => {
    sandbox.configure({ hubspot: { rateLimit: { enabled: true } } });
    const first = await listContacts();
    const second = await listContacts();
    assert.equal(first.headers['x-hubspot-ratelimit-max'], '100');
    assert.equal(first.headers['x-hubspot-ratelimit-interval-milliseconds'], '10000');
    assert.equal(first.headers['x-hubspot-ratelimit-remaining'], '99');
    assert.equal(second.headers['x-hubspot-ratelimit-remaining'], '98');
    assert.equal(first.headers['x-hubspot-ratelimit-daily'], '250000');
  });

  const tiers: ['starter' | 'professional' | 'enterprise', number][] = [
    ['starter', 100],
    ['professional', 190],
    ['enterprise', 190],
  ];
  for (const [tier, max] of tiers) {
    it(`answers 429 TEN_SECONDLY_ROLLING after ${max} calls in 10 s on ${tier}, then recovers`, async () => {
      sandbox.configure({ hubspot: { tier, rateLimit: { enabled: true } } });
      for (let i = 0; i < max; i++) await listContacts();
      const err = await hubspotError(listContacts());
      assert.equal(err.code, 429);
      assert.equal(err.body.policyName, 'TEN_SECONDLY_ROLLING');
      assert.equal(err.body.errorType, 'RATE_LIMIT');
      assert.equal(err.headers['x-hubspot-ratelimit-remaining'], '0');
      clock.advance(10_000);
      await listContacts();
      assert.equal(sandbox.inspect().rateLimited.hubspotTenSecondly, 1);
    });
  }

  it('answers 429 DAILY once the daily limit is spent', async () => {
    sandbox.configure({ hubspot: { rateLimit: { enabled: true, daily: 3 } } });
    for (let i = 0; i < 3; i++) await listContacts();
    const err = await hubspotError(listContacts());
    assert.equal(err.body.policyName, 'DAILY');
    assert.equal(err.headers['x-hubspot-ratelimit-daily-remaining'], '0');
  });

  it('limits search to 5 requests per second in its own bucket', async () => {
    sandbox.configure({ hubspot: { rateLimit: { enabled: true } } });
    const search = () => hubspotClient(sandbox).crm.contacts.searchApi.doSearch({ filterGroups: [], sorts: [], properties: [], limit: 1, after: '0' });
    for (let i = 0; i < 5; i++) await search();
    const err = await hubspotError(search());
    assert.equal(err.code, 429);
    await listContacts();
    clock.advance(1000);
    await search();
  });

  it('answers 403 REQUEST_LIMIT_EXCEEDED past the Salesforce daily allocation, with Sforce-Limit-Info', async () => {
    sandbox.configure({ salesforce: { dailyApiLimit: 2 } });
    const limits = () => fetch(`${sandbox.url}/services/data/v62.0/limits`, { headers: { Authorization: 'Bearer t' } });
    const usage = [(await limits()).headers.get('sforce-limit-info'), (await limits()).headers.get('sforce-limit-info')];
    assert.deepEqual(usage, ['api-usage=1/2', 'api-usage=2/2']);
    const err = await salesforceError(salesforceConnection(sandbox).sobject('Lead').create({ LastName: 'L', Company: 'C' }));
    assert.equal(err.errorCode, 'REQUEST_LIMIT_EXCEEDED');
    clock.advance(86_400_000);
    assert.equal((await limits()).status, 200);
  });

  it('answers a scripted 423 Locked once, then succeeds', async () => {
    sandbox.configure({ faults: { next: [{ status: 423, api: 'hubspot' }] } });
    const client = hubspotClient(sandbox);
    const input = { inputs: [{ properties: { email: 'l@example.com' }, associations: [] }] };
    const err = await hubspotError(client.crm.contacts.batchApi.create(input));
    assert.equal(err.code, 423);
    const res = await client.crm.contacts.batchApi.create(input);
    assert.equal(res.results.length, 1);
  });

  it('answers a share of requests with the configured 5xx', async () => {
    sandbox.configure({ faults: { errorRate: 1, serverErrorStatus: 502 } });
    const err = await hubspotError(listContacts());
    assert.equal(err.code, 502);
    const sf = await salesforceError(salesforceConnection(sandbox).sobject('Lead').create({ LastName: 'L', Company: 'C' }));
    assert.equal(sf.errorCode, 'SERVER_UNAVAILABLE');
    assert.equal(sandbox.inspect().faultsInjected, 2);
  });

  it('answers 503 inside an outage window only', async () => {
    sandbox.configure({ faults: { outage: { start: clock.now(), end: clock.now() + 60_000 } } });
    assert.equal((await hubspotError(listContacts())).code, 503);
    clock.advance(60_000);
    await listContacts();
  });

  it('answers 423 on HubSpot writes at the configured share, never on reads', async () => {
    sandbox.configure({ faults: { lockedRate: 1 } });
    await listContacts();
    const err = await hubspotError(hubspotClient(sandbox).crm.contacts.basicApi.create({ properties: { email: 'w@example.com' }, associations: [] }));
    assert.equal(err.code, 423);
  });
});
