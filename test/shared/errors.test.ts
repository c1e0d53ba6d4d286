import assert from 'node:assert/strict';
import { isSyncError, SyncError, toSyncError } from '../../shared/src/errors';

/**
 * A second instance of the errors module, as when one file is loaded under two URLs (or inlined in a bundle):
 * the query string makes the ESM loader evaluate it again, with its own SyncError class.
 */
async function secondCopy(): Promise<typeof import('../../shared/src/errors')> {
  return (await import(`../../shared/src/errors.ts?copy=${Date.now()}`)) as typeof import('../../shared/src/errors');
}

describe('SyncError across module copies', () => {
  it('is a different class in the second copy (the situation the brand guards against)', async () => {
    const copy = await secondCopy();
    assert.notEqual(copy.SyncError, SyncError);
  });

  it('recognises an error of another copy with isSyncError', async () => {
    const copy = await secondCopy();
    assert.equal(isSyncError(new copy.SyncError('crm.auth_expired', 'Reconnect.')), true);
  });

  it('recognises an error of another copy with instanceof', async () => {
    const copy = await secondCopy();
    assert.ok(new copy.SyncError('crm.auth_expired', 'Reconnect.') instanceof SyncError);
  });

  it('keeps the code of another copy\'s error instead of turning it into internal', async () => {
    const copy = await secondCopy();
    assert.equal(toSyncError(new copy.SyncError('crm.daily_quota_exhausted', 'Used up.')).code, 'crm.daily_quota_exhausted');
  });

  const impostors: Array<[string, unknown]> = [
    ['a plain Error', new Error('boom')],
    ['an object with a code', { code: 'crm.auth_expired', message: 'Reconnect.' }],
    ['a spread copy of a SyncError', { ...new SyncError('crm.auth_expired', 'Reconnect.') }],
    ['null', null],
  ];
  for (const [name, value] of impostors) {
    it(`does not take ${name} for a SyncError`, () => {
      assert.equal(isSyncError(value), false);
      assert.equal(value instanceof SyncError, false);
    });
  }

  it('keeps instanceof exact for a subclass', () => {
    class CustomError extends SyncError {}
    assert.equal(new SyncError('internal', 'x') instanceof CustomError, false);
    assert.equal(new CustomError('internal', 'x') instanceof CustomError, true);
  });
});
