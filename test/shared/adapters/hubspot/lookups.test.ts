import assert from 'node:assert/strict';
import { batchAnswer, hubspot, record, testAdapter, useNock, withBody } from './helpers';

const contactProperties = [
  'email',
  'firstname',
  'lastname',
  'phone',
  'mobilephone',
  'company',
  'hubspot_owner_id',
  'lastmodifieddate',
  'hs_searchable_calculated_phone_number',
];

describe('HubspotCrmAdapter lookups', () => {
  useNock();

  describe('findContactsByEmail', () => {
    it('reads by idProperty email, lower-cased and once each, and leaves unknown emails out', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/objects/contacts/batch/read', {
          idProperty: 'email',
          inputs: [{ id: 'ann@x.com' }, { id: 'nobody@x.com' }],
          properties: contactProperties,
          propertiesWithHistory: [],
        })
        .reply(
          207,
          batchAnswer([record('1', { email: 'ann@x.com', firstname: 'Ann' })], [
            { status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some CONTACT objects', context: { ids: ['nobody@x.com'] } },
          ]),
        );

      const found = await adapter.findContactsByEmail(['Ann@X.com', 'ann@x.com', 'nobody@x.com', ' ']);

      assert.deepEqual(found.map((contact) => [contact.id, contact.email, contact.firstName]), [['1', 'ann@x.com', 'Ann']]);
    });

    it('reads 250 emails in three calls of at most 100', async () => {
      const { adapter } = testAdapter();
      const sizes: number[] = [];
      hubspot()
        .post('/crm/v3/objects/contacts/batch/read')
        .times(3)
        .reply(
          200,
          withBody(({ inputs }: { inputs: Array<{ id: string }> }) => {
            sizes.push(inputs.length);
            return batchAnswer(inputs.map((input) => record(input.id.replace(/\D/g, ''), { email: input.id })));
          }),
        );

      const found = await adapter.findContactsByEmail(Array.from({ length: 250 }, (_, i) => `p${i}@x.com`));

      assert.deepEqual(sizes, [100, 100, 50]);
      assert.equal(found.length, 250);
    });
  });

  describe('findContactCandidates', () => {
    it('sends every lead\'s phone and names as IN filters in one search and gives each lead its own matches', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/objects/contacts/search', {
          filterGroups: [
            { filters: [{ propertyName: 'hs_searchable_calculated_phone_number', operator: 'IN', values: ['4155550123'] }] },
            { filters: [{ propertyName: 'lastname', operator: 'IN', values: ['smith'] }] },
            {
              filters: [
                { propertyName: 'lastname', operator: 'IN', values: ['lee'] },
                { propertyName: 'firstname', operator: 'IN', values: ['ann'] },
              ],
            },
          ],
          properties: contactProperties,
          limit: 200,
        })
        .reply(200, {
          total: 3,
          results: [
            record('10', { firstname: 'Robert', lastname: 'Smith', company: 'ACME Inc', phone: '' }),
            record('11', { firstname: 'Ann', lastname: 'Lee', hs_searchable_calculated_phone_number: '4155550123' }),
            record('12', { firstname: 'Zed', lastname: 'Smith', company: 'Other Ltd' }),
          ],
        });

      const candidates = await adapter.findContactCandidates([
        { ref: 'L1', phone: '+14155550123', firstName: 'Bob', lastName: 'Smith', company: 'Acme' },
        { ref: 'L2', firstName: 'Ann', lastName: 'Lee' },
        { ref: 'L3', email: 'only@email.com' },
      ]);

      assert.deepEqual([...candidates].map(([ref, list]) => [ref, list.map((contact) => contact.id)]), [
        ['L1', ['10', '11']],
        ['L2', ['11']],
        ['L3', []],
      ]);
    });

    it('pages a search with `after`, keeping its filters', async () => {
      const { adapter } = testAdapter();
      const filterGroups = [
        { filters: [{ propertyName: 'lastname', operator: 'IN', values: ['lee'] }, { propertyName: 'firstname', operator: 'IN', values: ['ann'] }] },
      ];
      hubspot()
        .post('/crm/v3/objects/contacts/search', { filterGroups, properties: contactProperties, limit: 200 })
        .reply(200, { total: 201, results: [record('1', { lastname: 'Lee', firstname: 'Ann' })], paging: { next: { after: '200' } } })
        .post('/crm/v3/objects/contacts/search', { filterGroups, properties: contactProperties, limit: 200, after: '200' })
        .reply(200, { total: 201, results: [record('2', { lastname: 'Lee', firstname: 'Ann' })] });

      const candidates = await adapter.findContactCandidates([{ ref: 'L1', firstName: 'Ann', lastName: 'Lee' }]);

      assert.deepEqual(candidates.get('L1')?.map((contact) => contact.id), ['1', '2']);
    });

    it('splits 200 leads into 3 searches whose bodies stay within 3,000 characters', async () => {
      const { adapter } = testAdapter();
      const sizes: number[] = [];
      const phones: string[] = [];
      hubspot()
        .post('/crm/v3/objects/contacts/search')
        .times(3)
        .reply(
          200,
          withBody((body: { filterGroups: Array<{ filters: Array<{ values?: string[] }> }> }) => {
            sizes.push(JSON.stringify(body).length);
            phones.push(...(body.filterGroups[0]?.filters[0]?.values ?? []));
            return { total: 0, results: [] };
          }),
        );
      const queries = Array.from({ length: 200 }, (_, i) => ({ ref: `L${i}`, phone: `+1415${5_550_000 + i}`, firstName: `Ann${i}`, lastName: `Lee${i}` }));

      await adapter.findContactCandidates(queries);

      assert.equal(sizes.length, 3);
      assert.ok(sizes.every((size) => size <= 3000), `body sizes ${sizes.join(', ')}`);
      assert.equal(new Set(phones).size, 200);
    });

    it('spreads searches out to stay within 5 per second (4 with headroom)', async () => {
      const { adapter, time } = testAdapter();
      const sentAt: number[] = [];
      const start = time.clock.now();
      hubspot()
        .post('/crm/v3/objects/contacts/search')
        .times(6)
        .reply(
          200,
          withBody(() => {
            sentAt.push(time.clock.now() - start);
            return { total: 0, results: [] };
          }),
        );
      // 600 phones, at most 100 values per IN filter: 6 searches.
      const queries = Array.from({ length: 600 }, (_, i) => ({ ref: `L${i}`, phone: String(4_155_550_000 + i) }));

      await adapter.findContactCandidates(queries);

      assert.deepEqual(sentAt, [0, 0, 0, 0, 1000, 1000]);
    });
  });

  describe('listChanges', () => {
    it('searches records modified since the given time, by id, and hands back a cursor while pages are full', async () => {
      const { adapter } = testAdapter();
      const page = Array.from({ length: 200 }, (_, i) => record(String(i + 1), { dealstage: 'qualified', hs_lastmodifieddate: '2026-11-26T08:00:00.000Z' }));
      hubspot()
        .post('/crm/v3/objects/deals/search', {
          filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(Date.parse('2026-11-26T07:00:00.000Z')) }] }],
          sorts: ['hs_object_id'],
          properties: ['hs_lastmodifieddate', 'dealname', 'dealstage', 'pipeline', 'amount', 'closedate', 'hubspot_owner_id'],
          limit: 200,
        })
        .reply(200, { total: 201, results: page, paging: { next: { after: '200' } } })
        .post('/crm/v3/objects/deals/search', (body) => {
          const after = body.filterGroups[0].filters[1];
          return after?.propertyName === 'hs_object_id' && after.operator === 'GT' && after.value === '200';
        })
        .reply(200, { total: 1, results: [record('201', { hs_lastmodifieddate: '2026-11-26T08:30:00.000Z' })] });

      const first = await adapter.listChanges('deal', '2026-11-26T07:00:00.000Z', null);
      const second = await adapter.listChanges('deal', '2026-11-26T07:00:00.000Z', first.nextCursor);

      assert.equal(first.records.length, 200);
      assert.equal(first.nextCursor, 'id:200');
      assert.deepEqual(first.records[0], {
        id: '1',
        objectType: 'deal',
        updatedAt: '2026-11-26T08:00:00.000Z',
        properties: { hs_object_id: '1', dealstage: 'qualified', hs_lastmodifieddate: '2026-11-26T08:00:00.000Z' },
      });
      assert.deepEqual(second, {
        records: [{ id: '201', objectType: 'deal', updatedAt: '2026-11-26T08:30:00.000Z', properties: { hs_object_id: '201', hs_lastmodifieddate: '2026-11-26T08:30:00.000Z' } }],
        nextCursor: null,
      });
    });

    it('refuses a `since` that is not a timestamp', async () => {
      const { adapter } = testAdapter();
      await assert.rejects(adapter.listChanges('contact', 'yesterday', null), /ISO timestamp/);
    });
  });

  describe('properties', () => {
    it('lists an object\'s properties', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .get('/crm/v3/properties/contacts')
        .query({ archived: 'false' })
        .reply(200, {
          results: [
            { name: 'email', label: 'Email', type: 'string', fieldType: 'text', groupName: 'contactinformation', hubspotDefined: true, options: [] },
            { name: 'synaptiq_lead_score', label: 'Synaptiq lead score', type: 'number', fieldType: 'number', groupName: 'contactinformation', options: [], modificationMetadata: { readOnlyValue: false } },
          ],
        });

      assert.deepEqual(await adapter.listProperties('contact'), [
        { name: 'email', label: 'Email', type: 'string', custom: false },
        { name: 'synaptiq_lead_score', label: 'Synaptiq lead score', type: 'number', custom: true, readOnly: false },
      ]);
    });

    it('creates a unique property with type, field type and group', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/properties/deals', {
          name: 'synaptiq_key',
          label: 'Synaptiq key',
          type: 'string',
          fieldType: 'text',
          groupName: 'dealinformation',
          hasUniqueValue: true,
        })
        .reply(201, { name: 'synaptiq_key', label: 'Synaptiq key', type: 'string', fieldType: 'text', groupName: 'dealinformation', hasUniqueValue: true, options: [] });

      assert.deepEqual(await adapter.createProperty('deal', { name: 'synaptiq_key', label: 'Synaptiq key', type: 'string', unique: true }), {
        name: 'synaptiq_key',
        label: 'Synaptiq key',
        type: 'string',
        custom: true,
      });
    });

    it('returns the existing property when it was created already (409)', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/properties/deals')
        .reply(409, { status: 'error', message: 'Property named \'synaptiq_key\' already exists.', category: 'OBJECT_ALREADY_EXISTS' })
        .get('/crm/v3/properties/deals')
        .query(true)
        .reply(200, { results: [{ name: 'synaptiq_key', label: 'Synaptiq key', type: 'string', fieldType: 'text', groupName: 'dealinformation', options: [] }] });

      const property = await adapter.createProperty('deal', { name: 'synaptiq_key', label: 'Synaptiq key', type: 'string', unique: true });

      assert.equal(property.name, 'synaptiq_key');
    });
  });

  it('lists deal pipelines with stage ids for their labels, in display order', async () => {
    const { adapter } = testAdapter();
    hubspot()
      .get('/crm/v3/pipelines/deals')
      .reply(200, {
        results: [
          {
            id: 'default',
            label: 'Sales Pipeline',
            displayOrder: 0,
            archived: false,
            createdAt: '2026-01-01T00:00:00Z',
            updatedAt: '2026-01-01T00:00:00Z',
            stages: [
              { id: 'appointmentscheduled', label: 'Appointment Scheduled', displayOrder: 0, archived: false, metadata: { isClosed: 'false', probability: '0.2' }, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' },
              { id: 'closedwon', label: 'Closed Won', displayOrder: 1, archived: false, metadata: { isClosed: 'true', probability: '1.0' }, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' },
            ],
          },
        ],
      });

    assert.deepEqual(await adapter.listPipelines(), [
      {
        id: 'default',
        label: 'Sales Pipeline',
        stages: [
          { id: 'appointmentscheduled', label: 'Appointment Scheduled', closed: false },
          { id: 'closedwon', label: 'Closed Won', closed: true, closedWon: true },
        ],
      },
    ]);
  });

  it('lists active people as owners across pages, without queues', async () => {
    const { adapter } = testAdapter();
    const owner = (id: string, type = 'PERSON') => ({
      id,
      type,
      firstName: `F${id}`,
      lastName: 'L',
      email: `o${id}@x.com`,
      archived: false,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
    });
    hubspot()
      .get('/crm/v3/owners/')
      .query({ limit: '100', archived: 'false' })
      .reply(200, { results: [owner('1'), owner('2', 'QUEUE')], paging: { next: { after: 'abc' } } })
      .get('/crm/v3/owners/')
      .query({ after: 'abc', limit: '100', archived: 'false' })
      .reply(200, { results: [owner('3')] });

    assert.deepEqual((await adapter.listOwners()).map((o) => [o.id, o.name, o.email, o.active]), [
      ['1', 'F1 L', 'o1@x.com', true],
      ['3', 'F3 L', 'o3@x.com', true],
    ]);
  });

  it('verifies the connection through account-info and learns the portal for links', async () => {
    const { adapter } = testAdapter({ portal: undefined });
    hubspot().get('/account-info/v3/details').reply(200, { portalId: 62515, accountType: 'STANDARD', uiDomain: 'app.hubspot.com', timeZone: 'US/Eastern' });

    assert.deepEqual(await adapter.verifyConnection(), { provider: 'hubspot', accountId: '62515', accountName: 'app.hubspot.com' });
    assert.equal(adapter.recordUrl('contact', '51'), 'https://app.hubspot.com/contacts/62515/record/0-1/51');
    assert.equal(adapter.recordUrl('deal', '7'), 'https://app.hubspot.com/contacts/62515/record/0-3/7');
  });

  it('refuses to build a record link before the portal is known', () => {
    const { adapter } = testAdapter({ portal: undefined });
    assert.throws(() => adapter.recordUrl('contact', '1'), /portal is not known/);
  });
});
