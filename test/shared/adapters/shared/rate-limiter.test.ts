import assert from 'node:assert/strict';
import { LimiterRegistry, RollingWindowLimiter } from '../../../../shared/src/adapters/shared/rate-limiter';
import { fakeTime } from './fake-time';

/** The largest number of grants inside any window of `windowMs` (grant times sorted). */
function maxInAnyWindow(grants: number[], windowMs: number): number {
  let max = 0;
  let start = 0;
  for (let end = 0; end < grants.length; end += 1) {
    while ((grants[end] ?? 0) - (grants[start] ?? 0) >= windowMs) start += 1;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

describe('RollingWindowLimiter', () => {
  it('uses 90% of the budget by default (100 per 10 s → 90)', () => {
    const time = fakeTime();
    const limiter = new RollingWindowLimiter({ budget: 100, windowMs: 10_000, clock: time.clock, sleep: time.sleep });
    assert.equal(limiter.limit, 90);
  });

  it('never grants more than the limit in any rolling window during a burst of 1,000 calls', async () => {
    const time = fakeTime();
    const limiter = new RollingWindowLimiter({ budget: 100, windowMs: 10_000, clock: time.clock, sleep: time.sleep });
    const grants: number[] = [];
    await Promise.all(
      Array.from({ length: 1000 }, async () => {
        await limiter.acquire();
        grants.push(time.clock.now());
      }),
    );
    assert.equal(grants.length, 1000);
    assert.equal(maxInAnyWindow(grants, 10_000), 90);
  });

  it('grants immediately while under the limit', async () => {
    const time = fakeTime();
    const limiter = new RollingWindowLimiter({ budget: 5, windowMs: 1000, headroom: 1, clock: time.clock, sleep: time.sleep });
    for (let i = 0; i < 5; i += 1) await limiter.acquire();
    assert.deepEqual(time.sleeps, []);
    assert.equal(limiter.inFlightWindow(), 5);
  });

  it('waits until the oldest grant leaves the window', async () => {
    const time = fakeTime();
    const limiter = new RollingWindowLimiter({ budget: 2, windowMs: 1000, headroom: 1, clock: time.clock, sleep: time.sleep });
    await limiter.acquire();
    time.advance(300);
    await limiter.acquire();
    await limiter.acquire();
    assert.deepEqual(time.sleeps, [700]);
  });

  it('holds every caller during a pause', async () => {
    const time = fakeTime();
    const limiter = new RollingWindowLimiter({ budget: 100, windowMs: 10_000, clock: time.clock, sleep: time.sleep });
    limiter.pauseUntil(time.clock.now() + 4000);
    await limiter.acquire();
    assert.deepEqual(time.sleeps, [4000]);
  });

  it('never shortens a pause', async () => {
    const time = fakeTime();
    const limiter = new RollingWindowLimiter({ budget: 100, windowMs: 10_000, clock: time.clock, sleep: time.sleep });
    limiter.pauseUntil(time.clock.now() + 4000);
    limiter.pauseUntil(time.clock.now() + 1000);
    await limiter.acquire();
    assert.deepEqual(time.sleeps, [4000]);
  });

  it('waits a window when the CRM reports no calls remaining', async () => {
    const time = fakeTime();
    const limiter = new RollingWindowLimiter({ budget: 100, windowMs: 10_000, clock: time.clock, sleep: time.sleep });
    limiter.observeRemaining(5);
    limiter.observeRemaining(0);
    await limiter.acquire();
    assert.deepEqual(time.sleeps, [10_000]);
  });

  it('keeps serving later callers after a sleep fails', async () => {
    const time = fakeTime();
    let failNext = true;
    const limiter = new RollingWindowLimiter({
      budget: 1,
      windowMs: 1000,
      headroom: 1,
      clock: time.clock,
      sleep: async (ms) => {
        if (failNext) {
          failNext = false;
          throw new Error('aborted');
        }
        await time.sleep(ms);
      },
    });
    await limiter.acquire();
    await assert.rejects(limiter.acquire(), /aborted/);
    await limiter.acquire();
    assert.deepEqual(time.sleeps, [1000]);
  });

  it('rejects a budget below one call', () => {
    const time = fakeTime();
    assert.throws(() => new RollingWindowLimiter({ budget: 0, windowMs: 1000, clock: time.clock, sleep: time.sleep }), RangeError);
  });
});

describe('LimiterRegistry', () => {
  it('hands out one limiter per key', () => {
    const registry = new LimiterRegistry<{ id: number }>();
    let created = 0;
    const make = () => ({ id: ++created });
    assert.equal(registry.get('portal-1', make), registry.get('portal-1', make));
    assert.notEqual(registry.get('portal-1', make), registry.get('portal-2', make));
    assert.equal(created, 2);
  });
});
