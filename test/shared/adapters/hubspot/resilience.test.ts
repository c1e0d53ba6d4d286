import assert from 'node:assert/strict';
import { batchAnswer, hubspot, record, testAdapter, useNock, withBody } from './helpers';

const upsertPath = '/crm/v3/objects/companies/batch/upsert';
const ok = batchAnswer([record('20', { synaptiq_key: 'company:acme' }, { new: true })]);
const writeOne = { key: 'company:acme', properties: { name: 'Acme' } };
const rollingLimit = { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' };

describe('HubSpot rate limits and failures', () => {
  useNock();

  it('waits exactly the Retry-After of a 429, then succeeds', async () => {
    const { adapter, time } = testAdapter();
    hubspot().post(upsertPath).reply(429, rollingLimit, { 'Retry-After': '3' }).post(upsertPath).reply(200, ok);

    const [result] = await adapter.upsertRecords('company', [writeOne]);

    assert.equal(result?.ok, true);
    assert.deepEqual(time.sleeps, [3000]);
  });

  it('waits the reported window after a rolling 429 without Retry-After', async () => {
    const { adapter, time } = testAdapter();
    hubspot()
      .post(upsertPath)
      .reply(429, rollingLimit, { 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000', 'X-HubSpot-RateLimit-Max': '100', 'X-HubSpot-RateLimit-Remaining': '0' })
      .post(upsertPath)
      .reply(200, ok);

    await adapter.upsertRecords('company', [writeOne]);

    assert.deepEqual(time.sleeps, [10_000]);
  });

  it('does not retry a DAILY 429 and asks to pause', async () => {
    const { adapter, time } = testAdapter();
    hubspot()
      .post(upsertPath)
      .reply(429, { status: 'error', message: 'You have reached your daily limit.', errorType: 'RATE_LIMIT', policyName: 'DAILY' });

    await assert.rejects(adapter.upsertRecords('company', [writeOne]), (error: Error & { code?: string; disposition?: string }) => {
      assert.equal(error.code, 'crm.daily_quota_exhausted');
      assert.equal(error.disposition, 'pause');
      return true;
    });
    assert.deepEqual(time.sleeps, []);
  });

  it('backs off at least 2 s after a 423 Locked', async () => {
    const { adapter, time } = testAdapter();
    hubspot().post(upsertPath).reply(423, { status: 'error', message: 'Locked' }).post(upsertPath).reply(200, ok);

    await adapter.upsertRecords('company', [writeOne]);

    assert.deepEqual(time.sleeps, [2000]);
  });

  it('backs off exponentially with jitter on 5xx (fixed jitter: 375 ms, then 750 ms)', async () => {
    const { adapter, time } = testAdapter();
    hubspot()
      .post(upsertPath)
      .reply(502, 'Bad Gateway')
      .post(upsertPath)
      .reply(503, { status: 'error', message: 'Service unavailable' })
      .post(upsertPath)
      .reply(200, ok);

    const [result] = await adapter.upsertRecords('company', [writeOne]);

    assert.equal(result?.ok, true);
    assert.deepEqual(time.sleeps, [375, 750]);
  });

  it('gives up after five attempts with a transient error', async () => {
    const { adapter } = testAdapter();
    hubspot().post(upsertPath).times(5).reply(500, { status: 'error', message: 'internal error' });

    await assert.rejects(adapter.upsertRecords('company', [writeOne]), (error: Error & { code?: string }) => error.code === 'crm.transient');
  });

  it('retries a dropped connection', async () => {
    const { adapter, time } = testAdapter();
    hubspot().post(upsertPath).replyWithError('socket hang up').post(upsertPath).reply(200, ok);

    const [result] = await adapter.upsertRecords('company', [writeOne]);

    assert.equal(result?.ok, true);
    assert.deepEqual(time.sleeps, [375]);
  });

  it('waits out the window when HubSpot reports no calls remaining', async () => {
    const { adapter, time } = testAdapter();
    hubspot()
      .post(upsertPath)
      .reply(200, ok, { 'X-HubSpot-RateLimit-Remaining': '0', 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000' })
      .post(upsertPath)
      .reply(200, ok);

    await adapter.upsertRecords('company', [writeOne]);
    await adapter.upsertRecords('company', [{ key: 'company:beta', properties: {} }]);

    assert.deepEqual(time.sleeps, [10_000]);
  });

  it('paces 100 single-record writes through the SDK: 90 at once, then one wait for the window', async () => {
    const { adapter, time } = testAdapter();
    hubspot()
      .post(upsertPath)
      .times(100)
      .reply(
        200,
        withBody(({ inputs }: { inputs: Array<{ id: string }> }) =>
          batchAnswer([record(inputs[0]?.id.replace(/\D/g, '') ?? '0', { synaptiq_key: inputs[0]?.id ?? '' }, { new: true })]),
        ),
      );

    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => adapter.upsertRecords('company', [{ key: `company:${i}`, properties: {} }])));

    assert.equal(results.flat().filter((result) => result.ok).length, 100);
    // The limiter serves callers in order: the 91st waits one window, the last nine go with it.
    assert.deepEqual(time.sleeps, [10_000]);
  });
});
