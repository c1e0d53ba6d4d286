import assert from 'node:assert/strict';
import { Client } from '@hubspot/api-client';
import { SyncError } from '../../../../shared/src/errors';
import { StaticAccessToken } from '../../../../shared/src/adapters/hubspot/hubspot-auth';
import { HubspotTransport } from '../../../../shared/src/adapters/hubspot/hubspot-transport';
import { RollingWindowLimiter } from '../../../../shared/src/adapters/shared/rate-limiter';
import { silentCrmLogger } from '../../../../shared/src/adapters/shared/crm-logger';
import { fakeTime } from '../shared/fake-time';

function transport(budget = 100) {
  const time = fakeTime();
  const limiters = {
    general: new RollingWindowLimiter({ budget, windowMs: 10_000, clock: time.clock, sleep: time.sleep }),
    search: new RollingWindowLimiter({ budget: 5, windowMs: 1000, clock: time.clock, sleep: time.sleep }),
  };
  const sut = new HubspotTransport({
    client: new Client({ numberOfApiCallRetries: 0 }),
    tokens: new StaticAccessToken('t'),
    limiters,
    clock: time.clock,
    retry: { sleep: time.sleep, random: () => 0.5 },
    logger: silentCrmLogger,
  });
  return { sut, time };
}

/** Like HubSpot: at most `budget` calls in any rolling 10 s, else a TEN_SECONDLY_ROLLING 429. */
function simulatedPortal(now: () => number, budget: number) {
  const served: number[] = [];
  let rejected = 0;
  return {
    served,
    rejected: () => rejected,
    call: async () => {
      const at = now();
      if (served.filter((time) => time > at - 10_000).length >= budget) {
        rejected += 1;
        throw Object.assign(new Error('429'), { code: 429, body: { message: 'You have reached your ten_secondly_rolling limit.' }, headers: { 'retry-after': '1' } });
      }
      served.push(at);
      return { headers: {}, data: served.length };
    },
  };
}

describe('HubspotTransport', () => {
  it('paces a burst of 1,000 calls under a 100-per-10 s budget: no 429, never more than 90 in any 10 s', async () => {
    const { sut, time } = transport(100);
    const portal = simulatedPortal(time.clock.now, 100);

    await Promise.all(Array.from({ length: 1000 }, () => sut.send({ name: 'write' }, portal.call)));

    assert.equal(portal.rejected(), 0);
    assert.equal(portal.served.length, 1000);
    let busiest = 0;
    let start = 0;
    for (let end = 0; end < portal.served.length; end += 1) {
      while ((portal.served[end] ?? 0) - (portal.served[start] ?? 0) >= 10_000) start += 1;
      busiest = Math.max(busiest, end - start + 1);
    }
    assert.equal(busiest, 90);
    // Callers are served in order, 90 per window: 1,000 calls wait out eleven windows.
    assert.deepEqual(time.sleeps, Array.from({ length: 11 }, () => 10_000));
  });

  it('holds searches to 4 a second while other calls go on', async () => {
    const { sut, time } = transport(190);
    await Promise.all(Array.from({ length: 8 }, () => sut.send({ name: 'search', search: true }, async () => ({ headers: {}, data: null }))));
    await Promise.all(Array.from({ length: 8 }, () => sut.send({ name: 'write' }, async () => ({ headers: {}, data: null }))));
    // Four searches, a one-second wait, four more; the writes never wait (190 per 10 s).
    assert.deepEqual(time.sleeps, [1000]);
  });

  it('classifies what the SDK throws and never retries a validation error', async () => {
    const { sut } = transport();
    let calls = 0;
    await assert.rejects(
      sut.send({ name: 'write', objectType: 'deals' }, async () => {
        calls += 1;
        throw Object.assign(new Error('400'), { code: 400, body: { message: 'dealstage is invalid', category: 'VALIDATION_ERROR' }, headers: {} });
      }),
      (error: SyncError) => error.code === 'crm.validation' && error.details.objectType === 'deals',
    );
    assert.equal(calls, 1);
  });
});
