import nock from 'nock';
import { crmConnectionSchema, type CrmConnection } from '../../../../shared/src/schemas/settings';
import {
  createHubspotAdapter,
  HubspotPortalRegistry,
  type CreateHubspotAdapterOptions,
} from '../../../../shared/src/adapters/hubspot/create-hubspot-adapter';
import type { HubspotCrmAdapter } from '../../../../shared/src/adapters/hubspot/hubspot-crm-adapter';
import { fakeTime, type FakeTime } from '../shared/fake-time';

export const hubspotApi = 'https://api.hubapi.com';
export const portal = { portalId: '4242', uiDomain: 'app.hubspot.com' };
export const privateToken = 'pat-na1-test-token';

export const privateAppConnection = (overrides: Record<string, unknown> = {}): CrmConnection =>
  crmConnectionSchema.parse({ provider: 'hubspot', auth: 'private_app', access_token: privateToken, ...overrides });

export interface TestAdapter {
  adapter: HubspotCrmAdapter;
  time: FakeTime;
}

/** An adapter on the real SDK with a fake clock, no jitter and its own limiters (nothing shared between tests). */
export function testAdapter(options: Partial<CreateHubspotAdapterOptions> = {}): TestAdapter {
  const time = fakeTime();
  const adapter = createHubspotAdapter({
    connection: privateAppConnection(),
    portal,
    clock: time.clock,
    registry: new HubspotPortalRegistry(),
    retry: { sleep: time.sleep, random: () => 0.5 },
    ...options,
  });
  return { adapter, time };
}

/** Scope on the HubSpot API that insists on our bearer token. */
export const hubspot = (token = privateToken) =>
  nock(hubspotApi, { reqheaders: { authorization: `Bearer ${token}` } });

export function useNock(): void {
  before(() => nock.disableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    if (pending.length > 0) throw new Error(`Unused HubSpot mocks: ${pending.join(', ')}`);
  });
  after(() => nock.enableNetConnect());
}

/** A record as HubSpot returns it from a write. */
export const record = (id: string, properties: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  id,
  properties: { hs_object_id: id, ...properties },
  createdAt: '2026-11-26T09:00:00.000Z',
  updatedAt: '2026-11-26T09:00:00.000Z',
  archived: false,
  ...extra,
});

export const batchAnswer = (results: unknown[], errors: unknown[] = []) => ({
  status: 'COMPLETE',
  results,
  ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
  startedAt: '2026-11-26T09:00:00.000Z',
  completedAt: '2026-11-26T09:00:00.100Z',
});

/** nock 15 calls a reply function with the fetch Request (not `(uri, body)` as its README says). */
export const withBody =
  <T>(answer: (body: T) => unknown) =>
  async (request: Request): Promise<unknown> =>
    answer((await request.json()) as T);
