import assert from 'node:assert/strict';
import { crmRetryPolicy, nextAttemptAt, retryDelayMs, retryPolicySchema } from '../../../relay/src/delivery/retry-schedule';

const exact = retryPolicySchema.parse({ baseDelayMs: 1_000, factor: 2, maxDelayMs: 10_000, maxAttempts: 6, jitter: { kind: 'none' } });
const second = 1_000;
const minute = 60 * second;
const hour = 60 * minute;

describe('retry schedule', () => {
  it('doubles the wait after each failure up to the cap', () => {
    const waits = [1, 2, 3, 4, 5].map((failed) => retryDelayMs(failed, exact, () => 0.5));
    assert.deepEqual(waits, [1_000, 2_000, 4_000, 8_000, 10_000]);
  });

  it('gives up (dead letter) once the last attempt has failed', () => {
    assert.equal(retryDelayMs(6, exact, () => 0.5), null);
    assert.equal(nextAttemptAt(0, 6, exact, () => 0.5), null);
  });

  const jitterCases = [
    { name: 'full jitter at random 0 retries at once', jitter: { kind: 'full' as const }, random: 0, expected: 0 },
    { name: 'full jitter at random 0.5 waits half the backoff', jitter: { kind: 'full' as const }, random: 0.5, expected: 2_000 },
    { name: 'bounded jitter at random 0 waits the whole backoff', jitter: { kind: 'bounded' as const, ratio: 0.25 }, random: 0, expected: 4_000 },
    { name: 'bounded jitter never waits less than (1 - ratio) of it', jitter: { kind: 'bounded' as const, ratio: 0.25 }, random: 0.999_999, expected: 3_000 },
  ];
  for (const { name, jitter, random, expected } of jitterCases) {
    it(name, () => {
      const policy = { ...exact, jitter };
      assert.equal(retryDelayMs(3, policy, () => random), expected);
    });
  }

  it('waits at least as long as the CRM asked with Retry-After', () => {
    assert.equal(retryDelayMs(1, exact, () => 0, 7_500), 7_500);
  });

  it('clamps an excessive Retry-After to the longest wait', () => {
    assert.equal(retryDelayMs(1, exact, () => 0, 3_600_000), 10_000);
  });

  it('keeps its own backoff when Retry-After is shorter', () => {
    assert.equal(retryDelayMs(4, exact, () => 0, 10), 8_000);
  });

  it('turns the wait into the ISO time of the next attempt', () => {
    assert.equal(nextAttemptAt(Date.parse('2026-01-01T00:00:00Z'), 2, exact, () => 0), '2026-01-01T00:00:02.000Z');
  });

});

describe('CRM retry schedule (the sync worker default)', () => {
  const scheduled = [5 * second, 15 * second, 30 * second, minute, 2 * minute, 10 * minute, 30 * minute, hour, 4 * hour, 8 * hour, 8 * hour];
  const failures = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

  it('waits 5 s, 15 s, 30 s, 1 min, 2 min, 10 min, 30 min, 1 h, 4 h, 8 h and 8 h after the first eleven failures', () => {
    assert.deepEqual(failures.map((failed) => retryDelayMs(failed, crmRetryPolicy, () => 0)), scheduled);
  });

  it('gives up after the twelfth attempt', () => {
    assert.equal(retryDelayMs(12, crmRetryPolicy, () => 0), null);
  });

  it('spreads its attempts over 21 h 43 min 50 s before jitter', () => {
    const total = failures.reduce((sum, failed) => sum + (retryDelayMs(failed, crmRetryPolicy, () => 0) ?? 0), 0);
    assert.equal(total, 21 * hour + 43 * minute + 50 * second);
  });

  it('shortens each wait by at most 20 %', () => {
    const shortest = failures.map((failed) => retryDelayMs(failed, crmRetryPolicy, () => 0.999_999));
    assert.deepEqual(shortest, scheduled.map((wait) => Math.round(wait * (1 - 0.2 * 0.999_999))));
  });

  it('waits as long as a Retry-After asks after the first failure, up to 8 h', () => {
    assert.equal(retryDelayMs(1, crmRetryPolicy, () => 0, 90 * second), 90 * second);
    assert.equal(retryDelayMs(1, crmRetryPolicy, () => 0, 24 * hour), 8 * hour);
  });
});
