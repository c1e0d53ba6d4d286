import assert from 'node:assert/strict';
import { accountSetupTtlMs } from '../../../../shared/src/adapters/hubspot/ttl-cache';
import { batchAnswer, hubspot, testAdapter, useNock, type TestAdapter } from './helpers';

const pipelines = {
  results: [{ id: 'default', label: 'Sales Pipeline', displayOrder: 0, archived: false, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', stages: [] }],
};
const owners = {
  results: [{ id: '1', type: 'PERSON', firstName: 'F', lastName: 'L', email: 'o@x.com', archived: false, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }],
};
const readPipelines = () => hubspot().get('/crm/v3/pipelines/deals').reply(200, pipelines);
const readOwners = () => hubspot().get('/crm/v3/owners/').query(true).reply(200, owners);

/** Both lists asked for, each answered by exactly one read (useNock fails on a mock left unused). */
async function listBothReadingOnce(adapter: TestAdapter['adapter']): Promise<void> {
  readPipelines();
  readOwners();
  await adapter.listPipelines();
  await adapter.listOwners();
}

describe('HubspotCrmAdapter pipelines and owners cache', () => {
  useNock();

  it('reads pipelines and owners once for every batch within five minutes', async () => {
    const { adapter, time } = testAdapter();
    readPipelines();
    readOwners();

    for (let batch = 0; batch < 3; batch += 1) {
      assert.deepEqual((await adapter.listPipelines()).map((p) => p.id), ['default']);
      assert.deepEqual((await adapter.listOwners()).map((o) => o.id), ['1']);
      time.advance(accountSetupTtlMs / 3 - 1);
    }
  });

  it('reads them again once five minutes have passed', async () => {
    const { adapter, time } = testAdapter();
    await listBothReadingOnce(adapter);

    time.advance(accountSetupTtlMs);
    await listBothReadingOnce(adapter);
  });

  it('does not keep a failed read', async () => {
    const { adapter } = testAdapter();
    hubspot().get('/crm/v3/pipelines/deals').reply(400, { status: 'error', category: 'VALIDATION_ERROR', message: 'bad' });
    await assert.rejects(adapter.listPipelines());

    readPipelines();
    assert.deepEqual((await adapter.listPipelines()).map((p) => p.id), ['default']);
  });

  it('reads them again after HubSpot refuses a deal (its pipeline, stage or owner may be gone)', async () => {
    const { adapter } = testAdapter();
    await listBothReadingOnce(adapter);

    hubspot()
      .post('/crm/v3/objects/deals/batch/upsert')
      .reply(207, batchAnswer([], [{ status: 'error', category: 'VALIDATION_ERROR', message: 'dealstage is not valid', context: { ids: ['lead:a:deal'] } }]));
    const [result] = await adapter.upsertRecords('deal', [{ key: 'lead:a:deal', properties: { dealname: 'A', dealstage: 'gone' } }]);
    assert.equal(result?.ok, false);

    await listBothReadingOnce(adapter);
  });

  it('hands out a copy, so a caller that sorts or filters its list leaves the cache alone', async () => {
    const { adapter } = testAdapter();
    readPipelines();
    (await adapter.listPipelines()).pop();

    assert.equal((await adapter.listPipelines()).length, 1);
  });
});
