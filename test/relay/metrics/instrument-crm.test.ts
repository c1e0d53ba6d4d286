import assert from 'node:assert/strict';
import { MemoryCrmAdapter, SyncError } from '@synaptiq/shared';
import type { CrmAdapter } from '@synaptiq/shared';
import { errorClassOf, instrumentCrm, instrumentCrmFor } from '../../../relay/src/metrics';

/** Records what the decorator reported. */
function recorder() {
  const calls: string[] = [];
  const errors: string[] = [];
  return {
    calls,
    errors,
    crmCall: (provider: string, operation: string) => void calls.push(`${provider} ${operation}`),
    crmError: (provider: string, operation: string, errorClass: string) => void errors.push(`${provider} ${operation} ${errorClass}`),
  };
}

describe('instrumentCrm (the CRM adapter decorator)', () => {
  it('counts each call by provider and operation and returns what the adapter returned', async () => {
    const memory = new MemoryCrmAdapter();
    const metrics = recorder();
    const crm = instrumentCrm(memory, metrics);
    assert.deepEqual(await crm.listPipelines(), await memory.listPipelines());
    await crm.findContactsByEmail(['a@example.com']);
    assert.deepEqual(metrics.calls, ['memory listPipelines', 'memory findContactsByEmail']);
    assert.deepEqual(metrics.errors, []);
    assert.equal(crm.provider, 'memory');
    assert.equal(crm.recordUrl('contact', '7'), memory.recordUrl('contact', '7'));
  });

  const failures: Array<{ name: string; thrown: unknown; errorClass: string }> = [
    { name: 'a rate limit', thrown: new SyncError('crm.rate_limited', 'slow down'), errorClass: 'crm.rate_limited' },
    { name: 'an expired token', thrown: new SyncError('crm.auth_expired', 'reconnect'), errorClass: 'crm.auth_expired' },
    { name: 'a plain Error', thrown: new Error('socket hang up'), errorClass: 'internal' },
    { name: 'an object with an unknown code', thrown: { code: 'ECONNRESET' }, errorClass: 'internal' },
  ];
  for (const { name, thrown, errorClass } of failures) {
    it(`classifies ${name} as ${errorClass} and rethrows it unchanged`, async () => {
      const metrics = recorder();
      const failing = { ...new MemoryCrmAdapter(), provider: 'hubspot', listOwners: () => Promise.reject(thrown) } as unknown as CrmAdapter;
      await assert.rejects(instrumentCrm(failing, metrics).listOwners(), (error) => error === thrown);
      assert.deepEqual(metrics.errors, [`hubspot listOwners ${errorClass}`]);
      assert.equal(errorClassOf(thrown), errorClass);
    });
  }

  it('counts records a batch write failed, by their error code', async () => {
    const memory = new MemoryCrmAdapter({ rejectWrite: (_type, write) => (write.key === 'bad' ? { code: 'crm.validation', message: 'no', details: {} } : undefined) });
    const metrics = recorder();
    const results = await instrumentCrm(memory, metrics).upsertRecords('contact', [
      { key: 'good', properties: { email: 'good@example.com' } },
      { key: 'bad', properties: { email: 'bad@example.com' } },
    ]);
    assert.deepEqual(
      results.map((result) => result.ok),
      [true, false],
    );
    assert.deepEqual(metrics.calls, ['memory upsertRecords']);
    assert.deepEqual(metrics.errors, ['memory upsertRecords crm.validation']);
  });

  it('hands out one instrumented adapter per adapter, however often crmFor is asked', async () => {
    const memory = new MemoryCrmAdapter();
    const crmFor = instrumentCrmFor(async () => memory, recorder());
    const workspace = {} as Parameters<typeof crmFor>[0];
    const [first, second] = [await crmFor(workspace), await crmFor(workspace)];
    assert.equal(first, second);
    assert.notEqual(first, memory);
  });
});
