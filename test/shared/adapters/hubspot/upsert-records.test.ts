import assert from 'node:assert/strict';
import type { RecordWrite, WriteResult } from '../../../../shared/src/schemas/crm';
import { batchAnswer, hubspot, record, testAdapter, useNock, withBody } from './helpers';

type Upsert = { inputs: Array<{ id: string }> };

const url = (typeId: string, id: string) => `https://app.hubspot.com/contacts/4242/record/${typeId}/${id}`;
const assoc = (id: string, associationTypeId: number) => ({ to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId }] });
const v4 = (from: string, to: string, associationTypeId: number) => ({
  from: { id: from },
  to: { id: to },
  types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId }],
});
const v4Result = (from: string, to: string) => ({ fromObjectTypeId: '0-1', fromObjectId: Number(from), toObjectTypeId: '0-2', toObjectId: Number(to), labels: [] });
const failedCodes = (results: WriteResult[]) => results.map((result) => (result.ok ? 'ok' : result.error.code));

describe('HubspotCrmAdapter.upsertRecords', () => {
  useNock();

  describe('contacts', () => {
    it('creates a contact the lookup did not find with its company association inline, and upserts one without associations', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/objects/contacts/batch/upsert', {
          inputs: [{ idProperty: 'email', id: 'bob@y.com', properties: { firstname: 'Bob', email: 'bob@y.com' } }],
        })
        .reply(200, batchAnswer([record('2', { email: 'bob@y.com' }, { new: false })]))
        .post('/crm/v3/objects/contacts/batch/create', {
          inputs: [{ properties: { firstname: 'Ann', email: 'ann@x.com' }, associations: [assoc('20', 279)], objectWriteTraceId: 'lead:a:contact' }],
        })
        .reply(201, batchAnswer([record('1', { email: 'ann@x.com' }, { objectWriteTraceId: 'lead:a:contact' })]));

      const results = await adapter.upsertRecords('contact', [
        { key: 'lead:a:contact', matchBy: { field: 'email', value: 'Ann@X.com' }, properties: { firstname: 'Ann' }, associations: [{ objectType: 'company', id: '20' }] },
        { key: 'lead:b:contact', matchBy: { field: 'email', value: 'bob@y.com' }, properties: { firstname: 'Bob' } },
      ]);

      assert.deepEqual(results, [
        { key: 'lead:a:contact', ok: true, id: '1', created: true, url: url('0-1', '1') },
        { key: 'lead:b:contact', ok: true, id: '2', created: false, url: url('0-1', '2') },
      ]);
    });

    it('creates two inputs of one email as one contact with both associations', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/objects/contacts/batch/create', {
          inputs: [
            { properties: { firstname: 'Ann', lastname: 'Lee', email: 'ann@x.com' }, associations: [assoc('20', 279), assoc('21', 279)], objectWriteTraceId: 'k1' },
          ],
        })
        .reply(201, batchAnswer([record('1', { email: 'ann@x.com' }, { objectWriteTraceId: 'k1' })]));

      const results = await adapter.upsertRecords('contact', [
        { key: 'k1', matchBy: { field: 'email', value: 'ann@x.com' }, properties: { firstname: 'Ann' }, associations: [{ objectType: 'company', id: '20' }] },
        { key: 'k2', matchBy: { field: 'email', value: 'ANN@x.com' }, properties: { lastname: 'Lee' }, associations: [{ objectType: 'company', id: '21' }] },
      ]);

      assert.deepEqual(results.map((result) => [result.key, result.ok && result.id]), [['k1', '1'], ['k2', '1']]);
    });

    it('updates the contact a create collides with (id from the 409) and adds the association through v4', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/objects/contacts/batch/create')
        .reply(
          207,
          batchAnswer(
            [record('1', { email: 'ann@x.com' }, { objectWriteTraceId: 'lead:a:contact' })],
            [{ status: 'error', category: 'CONFLICT', message: 'Contact already exists. Existing ID: 77', context: { objectWriteTraceId: ['lead:b:contact'] } }],
          ),
        )
        .post('/crm/v3/objects/contacts/batch/update', { inputs: [{ id: '77', properties: { firstname: 'Bob' } }] })
        .reply(200, batchAnswer([record('77', { firstname: 'Bob' })]))
        .post('/crm/v4/associations/contacts/companies/batch/create', { inputs: [v4('77', '21', 279)] })
        .reply(201, batchAnswer([v4Result('77', '21')]));

      const results = await adapter.upsertRecords('contact', [
        { key: 'lead:a:contact', matchBy: { field: 'email', value: 'ann@x.com' }, properties: { firstname: 'Ann' }, associations: [{ objectType: 'company', id: '20' }] },
        { key: 'lead:b:contact', matchBy: { field: 'email', value: 'bob@y.com' }, properties: { firstname: 'Bob' }, associations: [{ objectType: 'company', id: '21' }] },
      ]);

      assert.deepEqual(results, [
        { key: 'lead:a:contact', ok: true, id: '1', created: true, url: url('0-1', '1') },
        { key: 'lead:b:contact', ok: true, id: '77', created: false, url: url('0-1', '77') },
      ]);
    });

    it('upserts by email (then associates) when a create is refused as a whole for a taken email', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/objects/contacts/batch/create')
        .reply(409, { status: 'error', category: 'CONFLICT', message: 'Contact already exists. Existing ID: 77' })
        .post('/crm/v3/objects/contacts/batch/upsert', {
          inputs: [
            { idProperty: 'email', id: 'ann@x.com', properties: { firstname: 'Ann', email: 'ann@x.com' } },
            { idProperty: 'email', id: 'bob@y.com', properties: { firstname: 'Bob', email: 'bob@y.com' } },
          ],
        })
        .reply(200, batchAnswer([record('1', { email: 'ann@x.com' }, { new: true }), record('77', { email: 'bob@y.com' }, { new: false })]))
        .post('/crm/v4/associations/contacts/companies/batch/create', { inputs: [v4('1', '20', 279), v4('77', '21', 279)] })
        .reply(201, batchAnswer([v4Result('1', '20'), v4Result('77', '21')]));

      const results = await adapter.upsertRecords('contact', [
        { key: 'lead:a:contact', matchBy: { field: 'email', value: 'ann@x.com' }, properties: { firstname: 'Ann' }, associations: [{ objectType: 'company', id: '20' }] },
        { key: 'lead:b:contact', matchBy: { field: 'email', value: 'bob@y.com' }, properties: { firstname: 'Bob' }, associations: [{ objectType: 'company', id: '21' }] },
      ]);

      assert.deepEqual(results.map((result) => [result.key, result.ok && result.id, result.ok && result.created]), [
        ['lead:a:contact', '1', true],
        ['lead:b:contact', '77', false],
      ]);
    });

    it('upserts by email when one 409 that names no input is left for several contacts (its id could be anyone\'s)', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/objects/contacts/batch/create')
        .reply(207, batchAnswer([], [{ status: 'error', category: 'CONFLICT', message: 'Contact already exists. Existing ID: 77' }]))
        .post('/crm/v3/objects/contacts/batch/upsert', (body: Upsert) => body.inputs.map((input) => input.id).join() === 'ann@x.com,bob@y.com')
        .reply(200, batchAnswer([record('77', { email: 'ann@x.com' }, { new: false }), record('2', { email: 'bob@y.com' }, { new: true })]))
        .post('/crm/v4/associations/contacts/companies/batch/create', { inputs: [v4('77', '20', 279), v4('2', '21', 279)] })
        .reply(201, batchAnswer([v4Result('77', '20'), v4Result('2', '21')]));

      const results = await adapter.upsertRecords('contact', [
        { key: 'lead:a:contact', matchBy: { field: 'email', value: 'ann@x.com' }, properties: { firstname: 'Ann' }, associations: [{ objectType: 'company', id: '20' }] },
        { key: 'lead:b:contact', matchBy: { field: 'email', value: 'bob@y.com' }, properties: { firstname: 'Bob' }, associations: [{ objectType: 'company', id: '21' }] },
      ]);

      assert.deepEqual(results.map((result) => [result.key, result.ok && result.id]), [['lead:a:contact', '77'], ['lead:b:contact', '2']]);
    });

    it('sends 250 contacts as three batches of 100, 100 and 50', async () => {
      const { adapter } = testAdapter();
      const writes: RecordWrite[] = Array.from({ length: 250 }, (_, i) => ({
        key: `lead:${i}:contact`,
        matchBy: { field: 'email', value: `p${i}@x.com` },
        properties: {},
      }));
      const sizes: number[] = [];
      hubspot()
        .post('/crm/v3/objects/contacts/batch/upsert')
        .times(3)
        .reply(
          200,
          withBody(({ inputs }: Upsert) => {
            sizes.push(inputs.length);
            return batchAnswer(inputs.map((input) => record(input.id.replace(/\D/g, ''), { email: input.id }, { new: true })));
          }),
        );

      const results = await adapter.upsertRecords('contact', writes);

      assert.deepEqual(sizes, [100, 100, 50]);
      assert.equal(results.length, 250);
      assert.deepEqual(results[249], { key: 'lead:249:contact', ok: true, id: '249', created: true, url: url('0-1', '249') });
    });

    it('merges two writes of one email into one input and answers both', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/objects/contacts/batch/upsert', {
          inputs: [{ idProperty: 'email', id: 'ann@x.com', properties: { firstname: 'Ann', lastname: 'Lee', email: 'ann@x.com' } }],
        })
        .reply(200, batchAnswer([record('1', { email: 'ann@x.com' }, { new: true })]));

      const results = await adapter.upsertRecords('contact', [
        { key: 'k1', matchBy: { field: 'email', value: 'ann@x.com' }, properties: { firstname: 'Ann' } },
        { key: 'k2', matchBy: { field: 'email', value: 'ANN@x.com' }, properties: { lastname: 'Lee' } },
      ]);

      assert.deepEqual(results.map((result) => [result.key, result.ok && result.id]), [['k1', '1'], ['k2', '1']]);
    });

    it('writes contacts created with an email (flagged possible duplicates) by upsert on it, one input for two of one email', async () => {
      const { adapter } = testAdapter();
      const flagged = { synaptiq_review_status: 'possible_duplicate', synaptiq_duplicate_of: '9' };
      hubspot()
        .post('/crm/v3/objects/contacts/batch/upsert', {
          inputs: [
            { idProperty: 'email', id: 'john.1@x.com', properties: { firstname: 'John', ...flagged, email: 'john.1@x.com' } },
            { idProperty: 'email', id: 'john.2@x.com', properties: { firstname: 'Jon', ...flagged, email: 'john.2@x.com' } },
          ],
        })
        .reply(200, batchAnswer([record('6', { email: 'john.2@x.com' }, { new: true }), record('5', { email: 'john.1@x.com' }, { new: true })]));

      const results = await adapter.upsertRecords('contact', [
        { key: 'lead:a:contact', properties: { email: 'john.1@x.com', firstname: 'John', ...flagged } },
        { key: 'lead:b:contact', properties: { email: 'John.2@x.com', firstname: 'John', ...flagged } },
        { key: 'lead:c:contact', properties: { email: 'john.2@x.com', firstname: 'Jon', ...flagged } },
      ]);

      assert.deepEqual(results.map((result) => [result.key, result.ok && result.id]), [['lead:a:contact', '5'], ['lead:b:contact', '6'], ['lead:c:contact', '6']]);
    });

    it('reads a batch create answered without trace ids by position', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/objects/contacts/batch/create')
        .reply(201, batchAnswer([record('5', { firstname: 'Ann' }), record('6', { firstname: 'Bob' })]));

      const results = await adapter.upsertRecords('contact', [
        { key: 'lead:a:contact', properties: { firstname: 'Ann' } },
        { key: 'lead:b:contact', properties: { firstname: 'Bob' } },
      ]);

      assert.deepEqual(results.map((result) => [result.key, result.ok && result.id]), [['lead:a:contact', '5'], ['lead:b:contact', '6']]);
    });

    it('creates a contact without email through batch create and reports the 409 with the existing id', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/objects/contacts/batch/create', {
          inputs: [
            { properties: { firstname: 'Ann' }, associations: [], objectWriteTraceId: 'lead:a:contact' },
            { properties: { firstname: 'Bob' }, associations: [], objectWriteTraceId: 'lead:b:contact' },
          ],
        })
        .reply(
          207,
          batchAnswer(
            [record('5', { firstname: 'Ann' }, { objectWriteTraceId: 'lead:a:contact' })],
            [{ status: 'error', category: 'CONFLICT', message: 'Contact already exists. Existing ID: 77', context: { objectWriteTraceId: ['lead:b:contact'] } }],
          ),
        );

      const results = await adapter.upsertRecords('contact', [
        { key: 'lead:a:contact', properties: { firstname: 'Ann' } },
        { key: 'lead:b:contact', properties: { firstname: 'Bob' } },
      ]);

      assert.deepEqual(results[0], { key: 'lead:a:contact', ok: true, id: '5', created: true, url: url('0-1', '5') });
      assert.equal(results[1]?.ok, false);
      assert.deepEqual(!results[1]?.ok && [results[1]?.error.code, results[1]?.error.details.existingId], ['crm.conflict', '77']);
    });
  });

  describe('companies, deals, notes and meetings (keyed by synaptiq_key)', () => {
    it('upserts records without associations by the key property', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/objects/companies/batch/upsert', {
          inputs: [{ idProperty: 'synaptiq_key', id: 'company:acme', properties: { name: 'Acme', synaptiq_key: 'company:acme' } }],
        })
        .reply(200, batchAnswer([record('20', { name: 'Acme', synaptiq_key: 'company:acme' }, { new: true })]));

      const results = await adapter.upsertRecords('company', [{ key: 'company:acme', properties: { name: 'Acme' } }]);

      assert.deepEqual(results, [{ key: 'company:acme', ok: true, id: '20', created: true, url: url('0-2', '20') }]);
    });

    it('creates records with associations inline, in one call, with trace ids', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/objects/deals/batch/create', {
          inputs: [
            {
              properties: { dealname: 'Ann - Acme', dealstage: 'appointmentscheduled', pipeline: 'default', synaptiq_key: 'lead:a:deal' },
              associations: [assoc('1', 3), assoc('20', 341)],
              objectWriteTraceId: 'lead:a:deal',
            },
          ],
        })
        .reply(201, batchAnswer([record('300', { dealname: 'Ann - Acme', synaptiq_key: 'lead:a:deal' })]));

      const results = await adapter.upsertRecords('deal', [
        {
          key: 'lead:a:deal',
          properties: { dealname: 'Ann - Acme', dealstage: 'appointmentscheduled', pipeline: 'default' },
          associations: [{ objectType: 'contact', id: '1' }, { objectType: 'company', id: '20' }],
        },
      ]);

      assert.deepEqual(results, [{ key: 'lead:a:deal', ok: true, id: '300', created: true, url: url('0-3', '300') }]);
    });

    it('updates the existing record when the key is taken (id from the 409), and adds the associations', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/objects/notes/batch/create')
        .reply(
          207,
          batchAnswer([], [
            { status: 'error', category: 'CONFLICT', message: 'note with synaptiq_key "note:1" already exists. Existing ID: 900', context: { objectWriteTraceId: ['note:1'] } },
          ]),
        )
        .post('/crm/v3/objects/notes/batch/update', {
          inputs: [{ id: '900', properties: { hs_note_body: 'Hi', hs_timestamp: '2026-11-26T09:00:00.000Z', synaptiq_key: 'note:1' } }],
        })
        .reply(200, batchAnswer([record('900', { synaptiq_key: 'note:1' })]))
        .post('/crm/v4/associations/notes/contacts/batch/create', { inputs: [v4('900', '1', 202)] })
        .reply(201, batchAnswer([v4Result('900', '1')]));

      const results = await adapter.upsertRecords('note', [
        { key: 'note:1', properties: { hs_note_body: 'Hi', hs_timestamp: '2026-11-26T09:00:00.000Z' }, associations: [{ objectType: 'contact', id: '1' }] },
      ]);

      assert.deepEqual(results, [{ key: 'note:1', ok: true, id: '900', created: false, url: url('0-46', '900') }]);
    });

    it('reads the existing id by key when the collision does not name it', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/objects/meetings/batch/create')
        .reply(
          207,
          batchAnswer([], [
            { status: 'error', category: 'VALIDATION_ERROR', message: 'A meeting with synaptiq_key meet:1 already exists', context: { objectWriteTraceId: ['meet:1'] } },
          ]),
        )
        .post('/crm/v3/objects/meetings/batch/read', { idProperty: 'synaptiq_key', inputs: [{ id: 'meet:1' }], properties: ['synaptiq_key'], propertiesWithHistory: [] })
        .reply(200, batchAnswer([record('800', { synaptiq_key: 'meet:1' })]))
        .post('/crm/v3/objects/meetings/batch/update')
        .reply(200, batchAnswer([record('800', { synaptiq_key: 'meet:1' })]))
        .post('/crm/v4/associations/meetings/contacts/batch/create', { inputs: [v4('800', '1', 200)] })
        .reply(201, batchAnswer([v4Result('800', '1')]));

      const results = await adapter.upsertRecords('meeting', [
        { key: 'meet:1', properties: { hs_meeting_title: 'Demo', hs_timestamp: '2026-11-26T09:00:00.000Z' }, associations: [{ objectType: 'contact', id: '1' }] },
      ]);

      assert.deepEqual(results, [{ key: 'meet:1', ok: true, id: '800', created: false, url: url('0-47', '800') }]);
    });

    it('updates a key this process wrote lately by id, without trying to create it again', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/objects/companies/batch/upsert')
        .reply(200, batchAnswer([record('20', { synaptiq_key: 'company:acme' }, { new: true })]))
        .post('/crm/v3/objects/companies/batch/update', { inputs: [{ id: '20', properties: { name: 'Acme Corp' } }] })
        .reply(200, batchAnswer([record('20', { name: 'Acme Corp' })]));

      await adapter.upsertRecords('company', [{ key: 'company:acme', properties: { name: 'Acme' } }]);
      const again = await adapter.upsertRecords('company', [{ key: 'company:acme', properties: { name: 'Acme Corp' } }]);

      assert.deepEqual(again, [{ key: 'company:acme', ok: true, id: '20', created: false, url: url('0-2', '20') }]);
    });
  });

  describe('updates by id', () => {
    it('uses batch update and reports per-record errors of a 207', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/objects/contacts/batch/update', {
          inputs: [
            { id: '1', properties: { phone: '+14155550123' } },
            { id: '2', properties: { phone: '+14155550124' } },
          ],
        })
        .reply(
          207,
          batchAnswer([record('1', { phone: '+14155550123' })], [
            { status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Object 2 of type contacts not found', context: { ids: ['2'] } },
          ]),
        );

      const results = await adapter.upsertRecords('contact', [
        { key: 'a', id: '1', properties: { phone: '+14155550123' } },
        { key: 'b', id: '2', properties: { phone: '+14155550124' } },
      ]);

      assert.deepEqual(failedCodes(results), ['ok', 'crm.not_found']);
    });

    it('only associates when a known record has nothing to change', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v4/associations/contacts/companies/batch/create', { inputs: [v4('1', '20', 279)] })
        .reply(201, batchAnswer([v4Result('1', '20')]));

      const results = await adapter.upsertRecords('contact', [{ key: 'a', id: '1', properties: {}, associations: [{ objectType: 'company', id: '20' }] }]);

      assert.deepEqual(results, [{ key: 'a', ok: true, id: '1', created: false, url: url('0-1', '1') }]);
    });

    it('reports a refused association on the record it concerns', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/objects/contacts/batch/update')
        .reply(200, batchAnswer([record('1', {}), record('2', {})]))
        .post('/crm/v4/associations/contacts/companies/batch/create')
        .reply(207, batchAnswer([v4Result('1', '20')], [{ status: 'error', category: 'VALIDATION_ERROR', message: 'companies 21 does not exist', context: {} }]));

      const results = await adapter.upsertRecords('contact', [
        { key: 'a', id: '1', properties: { firstname: 'A' }, associations: [{ objectType: 'company', id: '20' }] },
        { key: 'b', id: '2', properties: { firstname: 'B' }, associations: [{ objectType: 'company', id: '21' }] },
      ]);

      assert.deepEqual(failedCodes(results), ['ok', 'crm.validation']);
      assert.equal(results[1]?.ok === false && results[1].error.details.recordId, '2');
    });
  });

  it('reports an association call that fails as a whole on the written records, with their ids', async () => {
    const { adapter } = testAdapter();
    hubspot()
      .post('/crm/v3/objects/contacts/batch/update')
      .reply(200, batchAnswer([record('1', { firstname: 'Ann' })]))
      .post('/crm/v4/associations/contacts/companies/batch/create')
      .reply(400, { status: 'error', message: 'Invalid association type', category: 'VALIDATION_ERROR' });

    const [result] = await adapter.upsertRecords('contact', [
      { key: 'a', id: '1', properties: { firstname: 'Ann' }, associations: [{ objectType: 'company', id: '20' }] },
    ]);

    assert.deepEqual(result?.ok === false && [result.error.code, result.error.details.recordId], ['crm.validation', '1']);
  });

  describe('whole-call failures', () => {
    it('throws when nothing was written yet (the caller retries the whole call)', async () => {
      const { adapter } = testAdapter();
      hubspot()
        .post('/crm/v3/objects/companies/batch/upsert')
        .reply(400, {
          status: 'error',
          message: 'Property values were not valid',
          category: 'VALIDATION_ERROR',
          errors: [{ message: 'Property "synaptiq_key" does not exist', code: 'PROPERTY_DOESNT_EXIST', context: { propertyName: ['synaptiq_key'] } }],
        });

      await assert.rejects(adapter.upsertRecords('company', [{ key: 'company:acme', properties: { name: 'Acme' } }]), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'crm.invalid_property');
        assert.match(error.message, /"synaptiq_key" on companies/);
        return true;
      });
    });

    it('reports a later batch\'s failure per record once an earlier batch was written', async () => {
      const { adapter } = testAdapter();
      const writes: RecordWrite[] = Array.from({ length: 150 }, (_, i) => ({ key: `k${i}`, matchBy: { field: 'email', value: `p${i}@x.com` }, properties: {} }));
      hubspot()
        .post('/crm/v3/objects/contacts/batch/upsert')
        .reply(200, withBody(({ inputs }: Upsert) => batchAnswer(inputs.map((input, i) => record(String(i + 1), { email: input.id }, { new: true })))))
        .post('/crm/v3/objects/contacts/batch/upsert')
        .reply(400, { status: 'error', message: 'Email address p120@x.com is invalid', category: 'VALIDATION_ERROR' });

      const results = await adapter.upsertRecords('contact', writes);

      assert.equal(results.slice(0, 100).every((result) => result.ok), true);
      assert.deepEqual([...new Set(failedCodes(results.slice(100)))], ['crm.validation']);
    });

    it('stops sending once a failure needs the user, and reports it on the rest', async () => {
      const { adapter } = testAdapter();
      const writes: RecordWrite[] = Array.from({ length: 300 }, (_, i) => ({ key: `k${i}`, matchBy: { field: 'email', value: `p${i}@x.com` }, properties: {} }));
      hubspot()
        .post('/crm/v3/objects/contacts/batch/upsert')
        .reply(200, withBody(({ inputs }: Upsert) => batchAnswer(inputs.map((input, i) => record(String(i + 1), { email: input.id }, { new: true })))))
        .post('/crm/v3/objects/contacts/batch/upsert')
        .reply(401, { status: 'error', message: 'Authentication credentials not found.', category: 'INVALID_AUTHENTICATION' });

      const results = await adapter.upsertRecords('contact', writes);

      assert.deepEqual([...new Set(failedCodes(results.slice(100)))], ['crm.auth_expired']);
    });
  });

  it('looks the portal up once (account-info) when it is not known, for record links', async () => {
    const { adapter } = testAdapter({ portal: undefined });
    hubspot()
      .get('/account-info/v3/details')
      .reply(200, { portalId: 777, accountType: 'STANDARD', uiDomain: 'app-eu1.hubspot.com', timeZone: 'Europe/Berlin' })
      .post('/crm/v3/objects/companies/batch/upsert')
      .reply(200, batchAnswer([record('20', { synaptiq_key: 'company:acme' }, { new: true })]))
      .post('/crm/v3/objects/companies/batch/upsert')
      .reply(200, batchAnswer([record('20', { synaptiq_key: 'company:beta' }, { new: true })]));

    await adapter.upsertRecords('company', [{ key: 'company:acme', properties: {} }]);
    const [result] = await adapter.upsertRecords('company', [{ key: 'company:beta', properties: {} }]);

    assert.equal(result?.ok && result.url, 'https://app-eu1.hubspot.com/contacts/777/record/0-2/20');
  });
});
