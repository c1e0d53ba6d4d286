import nock from 'nock';
import type { Clock } from '../../../../shared/src/ports/clock';
import { createSalesforceAdapter, type CreateSalesforceAdapterOptions } from '../../../../shared/src/adapters/salesforce';
import type { SalesforceCrmAdapter } from '../../../../shared/src/adapters/salesforce';
import { FakeOrg } from './fake-org';

export { api } from './fake-org';

/** A clock the test moves by hand. */
export function fakeClock(start = Date.parse('2026-11-26T09:00:00Z')): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => (now += ms) };
}

export type AdapterOptions = Partial<CreateSalesforceAdapterOptions>;

/**
 * A fresh scripted org per test (login and instance on the same loopback server), with the
 * network closed except for loopback, and every scripted request checked as made.
 */
export function useFakeOrg(): () => FakeOrg {
  let org: FakeOrg;
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  beforeEach(async () => {
    org = await new FakeOrg().start();
  });
  afterEach(async function () {
    await org.close();
    if (this.currentTest?.state === 'passed') org.assertDone();
  });
  after(() => nock.enableNetConnect());
  return () => org;
}

/** An adapter on the fake org: no real waits (retries sleep 0 ms), fixed jitter, a connected app for refreshes. */
export function buildAdapter(org: FakeOrg, options: AdapterOptions = {}): SalesforceCrmAdapter {
  return createSalesforceAdapter({
    connection: {
      provider: 'salesforce',
      auth: 'oauth',
      access_token: 'access-1',
      refresh_token: 'refresh-1',
      expires_at: null,
      instance_url: org.url,
      rate_limit_per_10s: 1000,
    },
    oauth: { clientId: 'client-id', clientSecret: 'client-secret', redirectUri: 'https://relay.example/oauth/salesforce' },
    loginUrl: org.url,
    personObject: 'Lead',
    clock: fakeClock(),
    retry: { sleep: () => Promise.resolve(), random: () => 0.5 },
    ...options,
  });
}

/** The Authorization header of the current access token. */
export const bearer = (token = 'access-1') => ({ authorization: `Bearer ${token}` });

/** A query page answer. */
export const page = (records: Array<Record<string, unknown>>, nextRecordsUrl?: string) => ({
  totalSize: records.length,
  done: nextRecordsUrl === undefined,
  ...(nextRecordsUrl ? { nextRecordsUrl } : {}),
  records,
});

/** The records of a collection request body. */
export const recordsOf = (body: unknown): Array<Record<string, unknown>> => (body as { records: Array<Record<string, unknown>> }).records;

export interface Subrequest {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
}

/** The subrequests of a Composite request body. */
export const subrequestsOf = (body: unknown): Subrequest[] => (body as { compositeRequest: Subrequest[] }).compositeRequest;

/** A Composite answer: each subrequest answered 200 with `answer(subrequest)`. */
export const compositeOf =
  (answer: (sub: Subrequest) => unknown) =>
  ({ body }: { body: unknown }) => ({
    compositeResponse: subrequestsOf(body).map((sub) => ({ referenceId: sub.referenceId, httpStatusCode: 200, httpHeaders: {}, body: answer(sub) })),
  });
