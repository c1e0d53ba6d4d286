import assert from 'node:assert/strict';
import { SyncError } from '../../../../shared/src/errors';
import { mergeDuplicates, WriteOutcome } from '../../../../shared/src/adapters/hubspot/write-outcome';
import type { RecordWrite } from '../../../../shared/src/schemas/crm';

const writes: RecordWrite[] = [
  { key: 'a', properties: { x: '1' }, associations: [{ objectType: 'contact', id: '1' }] },
  { key: 'b', properties: { y: '2' } },
  { key: 'a', properties: { x: '3' }, associations: [{ objectType: 'contact', id: '1' }, { objectType: 'company', id: '2' }] },
];

describe('mergeDuplicates', () => {
  it('merges writes of one record: later properties win, associations are united once', () => {
    assert.deepEqual(mergeDuplicates(writes, (write) => write.key), [
      { indexes: [0, 2], write: { key: 'a', properties: { x: '3' }, associations: [{ objectType: 'contact', id: '1' }, { objectType: 'company', id: '2' }] } },
      { indexes: [1], write: { key: 'b', properties: { y: '2' } } },
    ]);
  });
});

describe('WriteOutcome', () => {
  const urlOf = (_type: string, id: string) => `u/${id}`;

  it('answers every input of a merged record, in input order', () => {
    const outcome = new WriteOutcome(writes, 'deal', urlOf);
    const [a, b] = mergeDuplicates(writes, (write) => write.key);
    outcome.ok(a!, '10', true);
    outcome.fail(b!, new SyncError('crm.validation', 'bad'));
    assert.deepEqual(outcome.results().map((result) => [result.key, result.ok]), [['a', true], ['b', false], ['a', true]]);
    assert.deepEqual(outcome.results()[0], { key: 'a', ok: true, id: '10', created: true, url: 'u/10' });
  });

  it('throws a whole-batch failure while nothing is written', () => {
    const outcome = new WriteOutcome(writes, 'deal', urlOf);
    const items = mergeDuplicates(writes, (write) => write.key);
    assert.throws(() => outcome.failBatch(items, new SyncError('crm.transient', 'down')), /down/);
  });

  it('reports a whole-batch failure per record once something is written, and stops on a pausing one', () => {
    const outcome = new WriteOutcome(writes, 'deal', urlOf);
    const [a, b] = mergeDuplicates(writes, (write) => write.key);
    outcome.ok(a!, '10', true);
    outcome.failBatch([b!], new SyncError('crm.auth_expired', 'expired'));
    assert.equal(outcome.stopError?.code, 'crm.auth_expired');
    assert.deepEqual(outcome.results().map((result) => (result.ok ? 'ok' : result.error.code)), ['ok', 'crm.auth_expired', 'ok']);
  });

  it('answers an input left without a result as transient, so it is retried', () => {
    const outcome = new WriteOutcome(writes, 'deal', urlOf);
    assert.deepEqual([...new Set(outcome.results().map((result) => (result.ok ? 'ok' : result.error.code)))], ['crm.transient']);
  });
});
