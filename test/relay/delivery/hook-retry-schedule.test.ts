import assert from 'node:assert/strict';
import { hookRetryPolicy, retryDelayMs, retryPolicySchema } from '../../../relay/src/delivery/retry-schedule';
import { retryAfterMs } from '../../../relay/src/delivery/hook-transport';

const second = 1_000;
const minute = 60 * second;
const hour = 60 * minute;

describe('hook retry schedule', () => {
  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after the first seven failures', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7].map((failed) => retryDelayMs(failed, hookRetryPolicy, () => 0));
    assert.deepEqual(waits, [5 * second, 5 * minute, 30 * minute, 2 * hour, 5 * hour, 10 * hour, 10 * hour]);
  });

  it('gives up after the eighth attempt', () => {
    assert.equal(retryDelayMs(8, hookRetryPolicy, () => 0), null);
  });

  it('shortens a wait by at most 10 %', () => {
    assert.equal(retryDelayMs(4, hookRetryPolicy, () => 0.999_999), Math.round(2 * hour * (1 - 0.1 * 0.999_999)));
  });

  it('repeats the last scheduled wait when more attempts are allowed than waits listed', () => {
    const policy = retryPolicySchema.parse({ maxAttempts: 5, delaysMs: [1_000, 2_000], jitter: { kind: 'none' } });
    assert.deepEqual([1, 2, 3, 4].map((failed) => retryDelayMs(failed, policy, () => 0)), [1_000, 2_000, 2_000, 2_000]);
  });

  it('leaves the exponential schedule alone when no explicit waits are given', () => {
    const policy = retryPolicySchema.parse({ baseDelayMs: 1_000, factor: 2, jitter: { kind: 'none' } });
    assert.equal(retryDelayMs(3, policy, () => 0), 4_000);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-24T15:00:00Z');
  const cases: Array<[string | null, number | undefined]> = [
    [null, undefined],
    ['', undefined],
    ['120', 120_000],
    ['0', 0],
    ['Tue, 24 Nov 2026 15:01:00 GMT', 60_000],
    ['Tue, 24 Nov 2026 14:00:00 GMT', 0],
    ['soon', undefined],
    ['-5', undefined],
  ];
  for (const [header, expected] of cases) {
    it(`reads ${JSON.stringify(header)} as ${String(expected)} ms`, () => {
      assert.equal(retryAfterMs(header, now), expected);
    });
  }
});
