import assert from 'node:assert/strict';
import { batchAnswer, hubspot, record, testAdapter, useNock } from './helpers';

const companyProperties = {
  results: [
    { name: 'name', label: 'Company name', type: 'string', fieldType: 'text', groupName: 'companyinformation', hubspotDefined: true, options: [] },
    {
      name: 'industry',
      label: 'Industry',
      type: 'enumeration',
      fieldType: 'select',
      groupName: 'companyinformation',
      hubspotDefined: true,
      options: [
        { value: 'COMPUTER_SOFTWARE', label: 'Computer Software', displayOrder: 0, hidden: false },
        { value: 'RETAIL', label: 'Retail', displayOrder: 1, hidden: false },
      ],
    },
  ],
};
const upsert = (key: string, properties: Record<string, string>) => ({ idProperty: 'synaptiq_key', id: key, properties: { ...properties, synaptiq_key: key } });

describe('HubspotCrmAdapter.upsertRecords with enumeration values', () => {
  useNock();

  it('writes a free-text industry as its option and drops one that fits none, with a warning, listing properties once', async () => {
    const { adapter } = testAdapter();
    hubspot()
      .get('/crm/v3/properties/companies')
      .query({ archived: 'false' })
      .once()
      .reply(200, companyProperties)
      .post('/crm/v3/objects/companies/batch/upsert', {
        inputs: [upsert('company:a', { name: 'A', industry: 'COMPUTER_SOFTWARE' }), upsert('company:b', { name: 'B' })],
      })
      .reply(200, batchAnswer([record('1', { synaptiq_key: 'company:a' }, { new: true }), record('2', { synaptiq_key: 'company:b' }, { new: true })]))
      .post('/crm/v3/objects/companies/batch/upsert', { inputs: [upsert('company:c', { name: 'C', industry: 'RETAIL' })] })
      .reply(200, batchAnswer([record('3', { synaptiq_key: 'company:c' }, { new: true })]));

    const first = await adapter.upsertRecords('company', [
      { key: 'company:a', properties: { name: 'A', industry: 'Software' } },
      { key: 'company:b', properties: { name: 'B', industry: 'Widgets' } },
    ]);
    const second = await adapter.upsertRecords('company', [{ key: 'company:c', properties: { name: 'C', industry: 'retail' } }]);

    assert.deepEqual(first.map((result) => [result.ok, result.ok ? result.warnings?.map((warning) => [warning.property, warning.value]) : undefined]), [
      [true, undefined],
      [true, [['industry', 'Widgets']]],
    ]);
    assert.equal(second[0]?.ok, true);
  });

  it('does not list properties for writes without an industry', async () => {
    const { adapter } = testAdapter();
    hubspot()
      .post('/crm/v3/objects/companies/batch/upsert', { inputs: [upsert('company:a', { name: 'A' })] })
      .reply(200, batchAnswer([record('1', { synaptiq_key: 'company:a' }, { new: true })]));

    const [result] = await adapter.upsertRecords('company', [{ key: 'company:a', properties: { name: 'A' } }]);

    assert.equal(result?.ok, true);
  });

  it('writes the value unchecked when the properties cannot be listed', async () => {
    const { adapter } = testAdapter();
    hubspot()
      .get('/crm/v3/properties/companies')
      .query({ archived: 'false' })
      .reply(403, { status: 'error', message: 'This app hasn\'t been granted all required scopes', category: 'MISSING_SCOPES' })
      .post('/crm/v3/objects/companies/batch/upsert', { inputs: [upsert('company:a', { name: 'A', industry: 'Software' })] })
      .reply(200, batchAnswer([record('1', { synaptiq_key: 'company:a' }, { new: true })]));

    const [result] = await adapter.upsertRecords('company', [{ key: 'company:a', properties: { name: 'A', industry: 'Software' } }]);

    assert.equal(result?.ok, true);
  });
});
