import assert from 'node:assert/strict';
import { SyncError, toSyncError } from '../../../../shared/src/errors';
import { guardedCall } from '../../../../shared/src/adapters/shared/guarded-call';
import { RollingWindowLimiter } from '../../../../shared/src/adapters/shared/rate-limiter';
import { fakeTime } from './fake-time';

describe('guardedCall', () => {
  it('pauses every limiter for the Retry-After of a 429, then succeeds', async () => {
    const time = fakeTime();
    const general = new RollingWindowLimiter({ budget: 100, windowMs: 10_000, clock: time.clock, sleep: time.sleep });
    const search = new RollingWindowLimiter({ budget: 5, windowMs: 1000, clock: time.clock, sleep: time.sleep });
    const start = time.clock.now();
    let attempts = 0;
    const sentAt: number[] = [];
    const result = await guardedCall(
      [general, search],
      { clock: time.clock, classify: toSyncError, retry: { sleep: time.sleep, random: () => 0.5 } },
      async () => {
        attempts += 1;
        sentAt.push(time.clock.now() - start);
        if (attempts === 1) throw new SyncError('crm.rate_limited', 'slow down', { retryAfterMs: 3000 });
        return 'done';
      },
    );
    assert.equal(result, 'done');
    assert.deepEqual(sentAt, [0, 3000]);
    // A third caller on the general limiter alone is not held: the pause is over.
    await general.acquire();
    assert.equal(time.clock.now() - start, 3000);
  });

  it('classifies what the send threw', async () => {
    const time = fakeTime();
    const limiter = new RollingWindowLimiter({ budget: 10, windowMs: 1000, clock: time.clock, sleep: time.sleep });
    await assert.rejects(
      guardedCall(
        [limiter],
        { clock: time.clock, classify: () => new SyncError('crm.validation', 'bad value'), retry: { sleep: time.sleep, random: () => 0 } },
        async () => Promise.reject(new Error('raw')),
      ),
      (error: SyncError) => error.code === 'crm.validation',
    );
  });
});
