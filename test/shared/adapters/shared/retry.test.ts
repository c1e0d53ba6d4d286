import assert from 'node:assert/strict';
import { SyncError, type ErrorCode } from '../../../../shared/src/errors';
import { backoffMs, defaultRetryPolicy, retryDelayMs, withRetry } from '../../../../shared/src/adapters/shared/retry';
import { fakeTime } from './fake-time';

const policy = defaultRetryPolicy;
const half = () => 0.5;

describe('retryDelayMs', () => {
  const cases: Array<{ name: string; code: ErrorCode; attempt: number; retryAfterMs?: number; expected: number | null }> = [
    { name: 'honours Retry-After on a 429', code: 'crm.rate_limited', attempt: 1, retryAfterMs: 7000, expected: 7000 },
    { name: 'backs off exponentially on a 429 without Retry-After', code: 'crm.rate_limited', attempt: 3, expected: 1500 },
    { name: 'backs off on a transient failure (attempt 1: 500 ms ceiling)', code: 'crm.transient', attempt: 1, expected: 375 },
    { name: 'waits at least 2 s after a 423 Locked', code: 'crm.locked', attempt: 1, expected: 2000 },
    { name: 'waits at least 2 s after a 423 even when told 1 s', code: 'crm.locked', attempt: 1, retryAfterMs: 1000, expected: 2000 },
    { name: 'does not retry a validation error', code: 'crm.validation', attempt: 1, expected: null },
    { name: 'does not retry a daily quota error', code: 'crm.daily_quota_exhausted', attempt: 1, expected: null },
    { name: 'does not retry an expired session', code: 'crm.auth_expired', attempt: 1, expected: null },
    { name: 'gives up after the last attempt', code: 'crm.transient', attempt: 5, expected: null },
    { name: 'hands a Retry-After over the cap back to the caller', code: 'crm.rate_limited', attempt: 1, retryAfterMs: 120_000, expected: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const error = new SyncError(c.code, 'x', c.retryAfterMs === undefined ? {} : { retryAfterMs: c.retryAfterMs });
      assert.equal(retryDelayMs(error, c.attempt, policy, half), c.expected);
    });
  }
});

describe('backoffMs', () => {
  it('stays between half and all of the capped ceiling', () => {
    assert.equal(backoffMs(20, policy, () => 0), 15_000);
    assert.equal(backoffMs(20, policy, () => 0.999_999), 30_000);
  });
});

describe('withRetry', () => {
  it('retries a retryable failure and returns the later success', async () => {
    const time = fakeTime();
    const seen: number[] = [];
    const result = await withRetry(
      async (attempt) => {
        seen.push(attempt);
        if (attempt < 3) throw new SyncError('crm.rate_limited', 'slow down', { retryAfterMs: 1000 });
        return 'ok';
      },
      { sleep: time.sleep, random: half },
    );
    assert.equal(result, 'ok');
    assert.deepEqual(seen, [1, 2, 3]);
    assert.deepEqual(time.sleeps, [1000, 1000]);
  });

  it('throws a non-retryable failure at once', async () => {
    const time = fakeTime();
    let calls = 0;
    await assert.rejects(
      withRetry(
        async () => {
          calls += 1;
          throw new SyncError('crm.invalid_property', 'gone');
        },
        { sleep: time.sleep, random: half },
      ),
      (error: SyncError) => error.code === 'crm.invalid_property',
    );
    assert.equal(calls, 1);
  });

  it('turns unknown throws into an internal error without retrying', async () => {
    const time = fakeTime();
    await assert.rejects(
      withRetry(async () => Promise.reject(new TypeError('bug')), { sleep: time.sleep, random: half }),
      (error: SyncError) => error.code === 'internal',
    );
    assert.deepEqual(time.sleeps, []);
  });

  it('reports each retry before waiting', async () => {
    const time = fakeTime();
    const reports: Array<[ErrorCode, number, number]> = [];
    await assert.rejects(
      withRetry(async () => Promise.reject(new SyncError('crm.transient', 'down')), {
        sleep: time.sleep,
        random: half,
        policy: { ...policy, maxAttempts: 3 },
        onRetry: (error, attempt, delay) => reports.push([error.code, attempt, delay]),
      }),
    );
    assert.deepEqual(reports, [
      ['crm.transient', 1, 375],
      ['crm.transient', 2, 750],
    ]);
  });
});
