import assert from 'node:assert/strict';
import type { Client } from '@hubspot/api-client';
import type { RunningSandbox } from '../../sandbox-crm/src/index';
import { FakeClock, hubspotClient, hubspotError, sandboxFor } from './helpers';

type Filter = { propertyName: string; operator: string; value?: string; highValue?: string; values?: string[] };

describe('sandbox CRM: HubSpot search through @hubspot/api-client', () => {
  let sandbox: RunningSandbox;
  let client: Client;
  const clock = new FakeClock();

  before(async () => {
    sandbox = await sandboxFor({ clock });
    client = hubspotClient(sandbox);
    await client.crm.contacts.batchApi.create({
      inputs: [
        { properties: { email: 'ada@analytical.com', firstname: 'Ada', lastname: 'Lovelace', company: 'Analytical Engines', phone: '+1 (415) 555-0101', lifecyclestage: 'lead' } },
        { properties: { email: 'grace@navy.mil', firstname: 'Grace', lastname: 'Hopper', company: 'US Navy', phone: '415-555-0102', lifecyclestage: 'customer' } },
        { properties: { email: 'alan@bletchley.uk', firstname: 'Alan', lastname: 'Turing', lifecyclestage: 'lead' } },
      ].map((i) => ({ properties: i.properties as Record<string, string>, associations: [] })),
    });
    await client.crm.deals.batchApi.create({
      inputs: [100, 250, 900].map((amount) => ({
        properties: { dealname: `Deal ${amount}`, amount: String(amount), pipeline: 'default', dealstage: 'appointmentscheduled' },
        associations: [],
      })),
    });
  });
  after(() => sandbox.close());

  const search = (filters: Filter[], objectType = 'contacts') =>
    client.crm.objects.searchApi.doSearch(objectType, {
      filterGroups: [{ filters: filters as never }],
      properties: ['email', 'amount'],
      sorts: [],
      limit: 100,
      after: '0',
    });

  const cases: [string, Filter[], string[]][] = [
    ['EQ on email, case-insensitively', [{ propertyName: 'email', operator: 'EQ', value: 'ADA@analytical.com' }], ['ada@analytical.com']],
    ['NEQ', [{ propertyName: 'lifecyclestage', operator: 'NEQ', value: 'lead' }], ['grace@navy.mil']],
    ['IN', [{ propertyName: 'lastname', operator: 'IN', values: ['Hopper', 'Turing'] }], ['grace@navy.mil', 'alan@bletchley.uk']],
    ['NOT_IN', [{ propertyName: 'lastname', operator: 'NOT_IN', values: ['Hopper', 'Turing'] }], ['ada@analytical.com']],
    ['HAS_PROPERTY', [{ propertyName: 'phone', operator: 'HAS_PROPERTY' }], ['ada@analytical.com', 'grace@navy.mil']],
    ['NOT_HAS_PROPERTY', [{ propertyName: 'phone', operator: 'NOT_HAS_PROPERTY' }], ['alan@bletchley.uk']],
    ['CONTAINS_TOKEN on a word', [{ propertyName: 'company', operator: 'CONTAINS_TOKEN', value: 'navy' }], ['grace@navy.mil']],
    ['CONTAINS_TOKEN with a wildcard domain', [{ propertyName: 'email', operator: 'CONTAINS_TOKEN', value: '*@bletchley.uk' }], ['alan@bletchley.uk']],
    ['NOT_CONTAINS_TOKEN', [{ propertyName: 'company', operator: 'NOT_CONTAINS_TOKEN', value: 'navy' }], ['ada@analytical.com', 'alan@bletchley.uk']],
    ['phone without country code on hs_searchable_calculated_phone_number', [{ propertyName: 'hs_searchable_calculated_phone_number', operator: 'EQ', value: '4155550101' }], ['ada@analytical.com']],
    ['two filters ANDed', [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'lead' }, { propertyName: 'firstname', operator: 'EQ', value: 'Alan' }], ['alan@bletchley.uk']],
  ];
  for (const [name, filters, expected] of cases) {
    it(`finds contacts with ${name}`, async () => {
      const res = await search(filters);
      assert.deepEqual(res.results.map((r) => r.properties.email).sort(), [...expected].sort());
    });
  }

  const numeric: [string, Filter, string[]][] = [
    ['LT', { propertyName: 'amount', operator: 'LT', value: '250' }, ['100']],
    ['LTE', { propertyName: 'amount', operator: 'LTE', value: '250' }, ['100', '250']],
    ['GT', { propertyName: 'amount', operator: 'GT', value: '250' }, ['900']],
    ['GTE', { propertyName: 'amount', operator: 'GTE', value: '250' }, ['250', '900']],
    ['BETWEEN', { propertyName: 'amount', operator: 'BETWEEN', value: '200', highValue: '900' }, ['250', '900']],
  ];
  for (const [name, filter, expected] of numeric) {
    it(`compares number properties numerically with ${name}`, async () => {
      const res = await search([filter], 'deals');
      assert.deepEqual(res.results.map((r) => r.properties.amount).sort(), expected);
    });
  }

  it('ORs filter groups', async () => {
    const res = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [
        { filters: [{ propertyName: 'firstname', operator: 'EQ' as never, value: 'Ada' }] },
        { filters: [{ propertyName: 'firstname', operator: 'EQ' as never, value: 'Grace' }] },
      ],
      properties: ['firstname'],
      sorts: [],
      limit: 10,
      after: '0',
    });
    assert.equal(res.total, 2);
  });

  it('sorts and pages with after', async () => {
    const page = (after: string) =>
      client.crm.contacts.searchApi.doSearch({
        filterGroups: [],
        sorts: [{ propertyName: 'lastname', direction: 'DESCENDING' } as never],
        properties: ['lastname'],
        limit: 2,
        after,
      });
    const first = await page('0');
    assert.deepEqual(first.results.map((r) => r.properties.lastname), ['Turing', 'Lovelace']);
    assert.equal(first.paging?.next?.after, '2');
    const second = await page(first.paging?.next?.after ?? '');
    assert.deepEqual(second.results.map((r) => r.properties.lastname), ['Hopper']);
    assert.equal(second.paging, undefined);
  });

  it('filters on lastmodifieddate with GTE for change polling', async () => {
    const since = clock.now();
    clock.advance(60_000);
    const grace = await client.crm.contacts.basicApi.getById('grace@navy.mil', undefined, undefined, undefined, undefined, 'email');
    await client.crm.contacts.basicApi.update(grace.id, { properties: { jobtitle: 'Rear Admiral' } });
    const res = await search([{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(since + 1) }]);
    assert.deepEqual(res.results.map((r) => r.properties.email), ['grace@navy.mil']);
  });

  it('finds deals associated with a contact through associations.contact', async () => {
    const ada = await client.crm.contacts.basicApi.getById('ada@analytical.com', undefined, undefined, undefined, undefined, 'email');
    const deal = await client.crm.deals.basicApi.create({
      properties: { dealname: 'Ada deal', pipeline: 'default', dealstage: 'closedwon' },
      associations: [{ to: { id: ada.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 3 }] }],
    });
    const res = await search([{ propertyName: 'associations.contact', operator: 'EQ', value: ada.id }], 'deals');
    assert.deepEqual(res.results.map((r) => r.id), [deal.id]);
  });

  it('rejects a limit above 200', async () => {
    const err = await hubspotError(
      client.crm.contacts.searchApi.doSearch({ filterGroups: [], sorts: [], properties: [], limit: 201, after: '0' }),
    );
    assert.equal(err.code, 400);
  });

  it('rejects paging past 10,000 results', async () => {
    const err = await hubspotError(
      client.crm.contacts.searchApi.doSearch({ filterGroups: [], sorts: [], properties: [], limit: 100, after: '9950' }),
    );
    assert.equal(err.code, 400);
  });

  it('rejects a filter on an unknown property', async () => {
    const err = await hubspotError(search([{ propertyName: 'synaptiq_score', operator: 'EQ', value: '1' }]));
    assert.equal(err.code, 400);
  });

  it('shows a new record in search only after the configured index lag', async () => {
    sandbox.configure({ hubspot: { searchLagMs: 3000 } });
    await client.crm.contacts.basicApi.create({ properties: { email: 'late@example.com' }, associations: [] });
    const filter = [{ propertyName: 'email', operator: 'EQ', value: 'late@example.com' }];
    assert.equal((await search(filter)).total, 0);
    clock.advance(3000);
    assert.equal((await search(filter)).total, 1);
    sandbox.configure({ hubspot: { searchLagMs: 0 } });
  });
});
