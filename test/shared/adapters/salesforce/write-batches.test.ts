import assert from 'node:assert/strict';
import type { RecordWrite } from '../../../../shared/src/schemas/crm';
import { routeFor } from '../../../../shared/src/adapters/salesforce/to-salesforce';
import { collectionBatches, type PreparedWrite } from '../../../../shared/src/adapters/salesforce/write-batches';

const prepared = (writes: RecordWrite[]): PreparedWrite[] =>
  writes.map((write, index) => ({ index, write, route: routeFor(write), body: { attributes: { type: 'Lead' } } }));
const byEmail = (i: number, email = `l${i}@x.com`): RecordWrite => ({ key: `k${i}`, matchBy: { field: 'email', value: email }, properties: {} });

describe('collectionBatches', () => {
  it('keeps one family of requests per addressing field, in first-seen order', () => {
    const batches = collectionBatches(prepared([byEmail(0), { key: 'k1', id: '00QA', properties: {} }, { key: 'k2', properties: {} }, byEmail(3)]));
    assert.deepEqual(batches.map((b) => [b.keyField, b.batch.map((item) => item.index)]), [['Email', [0, 3]], ['Id', [1]], ['Synaptiq_Key__c', [2]]]);
  });

  it('groups people created without an external id into create requests (no addressing field)', () => {
    const person = (i: number): PreparedWrite => {
      const write: RecordWrite = { key: `lead:${i}:contact`, properties: { LastName: 'Smith' } };
      return { index: i, write, route: routeFor(write, true), body: { attributes: { type: 'Lead' } } };
    };
    const update: RecordWrite = { key: 'k1', id: '00QA', properties: {} };
    const known: PreparedWrite = { index: 1, write: update, route: routeFor(update), body: { attributes: { type: 'Lead' } } };
    const batches = collectionBatches([person(0), known, person(2)]);
    assert.deepEqual(batches.map((b) => [b.keyField, b.batch.map((item) => item.index)]), [[null, [0, 2]], ['Id', [1]]]);
  });

  it('cuts each family into requests of at most 200 records', () => {
    const batches = collectionBatches(prepared(Array.from({ length: 401 }, (_, i) => byEmail(i))));
    assert.deepEqual(batches.map((b) => b.batch.length), [200, 200, 1]);
  });

  it('moves a repeated email (in any case) to a later request', () => {
    const batches = collectionBatches(prepared([byEmail(0, 'a@x.com'), byEmail(1, 'b@x.com'), byEmail(2, 'A@X.com')]));
    assert.deepEqual(batches.map((b) => b.batch.map((item) => item.index)), [[0, 1], [2]]);
  });
});
