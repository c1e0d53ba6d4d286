import nock from 'nock';
import zapier from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { StandardWebhook } from '@synaptiq/shared/webhooks/standard-webhook';
import App from '../../zapier-app/src/index';

/** The relay the nock tests stand in for (https: the app only talks to HTTPS relays in production). */
export const relayUrl = 'https://relay.example.test';
export const apiKey = 'sk_test_zapier_app';
/** The signing secret the relay returns for a hook subscription. */
export const hookSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

export const appTester = zapier.createAppTester(App);

/** createAppTester passes the bundle as given, so meta is set here (guidelines: Platform facts). */
export function bundleWith(overrides: Partial<Omit<Bundle, 'meta'>> & { meta?: Partial<Bundle['meta']> } = {}): Bundle {
  const { inputData = {}, meta = {}, ...rest } = overrides;
  return {
    authData: { relay_url: relayUrl, api_key: apiKey },
    inputDataRaw: {},
    inputData,
    meta: { isLoadingSample: false, isFillingDynamicDropdown: false, isTestingAuth: false, isPopulatingDedupe: false, isBulkRead: false, page: 0, limit: -1, timezone: 'Europe/London', inputFields: {}, ...meta },
    ...rest,
  };
}

export type Perform<T = unknown> = (z: ZObject, bundle: Bundle) => Promise<T>;
type Group = 'triggers' | 'creates' | 'searches';
const groups: Record<Group, Record<string, { operation: object }>> = { triggers: App.triggers, creates: App.creates, searches: App.searches };

/** One function of the app's definition, looked up by key (for table-driven tests). */
export function performOf<T = unknown>(group: Group, key: string, method = 'perform'): Perform<T> {
  const operation: Record<string, unknown> = { ...groups[group][key]?.operation };
  const perform = operation[method];
  if (typeof perform !== 'function') throw new Error(`${group}.${key}.operation.${method} is not a function`);
  return perform as Perform<T>;
}

/** A nock scope on the relay that insists on the workspace key. */
export const relay = () => nock(relayUrl, { reqheaders: { authorization: `Bearer ${apiKey}` } });

/** The relay's error body. */
export const relayError = (code: string, message: string) => ({ error: { code, message, details: {} } });

/** Hooks every nock suite into "no real network, every scope used". */
export function useNock(): void {
  before(() => nock.disableNetConnect());
  after(() => nock.enableNetConnect());
  afterEach(function checkScopes() {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    if (this.currentTest?.state === 'passed' && pending.length > 0) throw new Error(`Unused relay mocks: ${pending.join(', ')}`);
  });
}

/** Runs `promise` and returns what it rejected with (fails when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { name: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`Rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('Expected a rejection, but it resolved.');
}

/** The user-facing message of a Zapier error (AppError and ThrottledError carry JSON in `message`). */
export function messageOf(error: Error): string {
  try {
    const parsed: unknown = JSON.parse(error.message);
    if (parsed && typeof parsed === 'object' && 'message' in parsed && typeof parsed.message === 'string') return parsed.message;
  } catch {
    // A plain message.
  }
  return error.message;
}

/** A hook delivery as Zapier hands it to perform: signed by the relay, headers in Zapier's "Http-" form. */
export function signedDelivery(body: { type: string; timestamp?: string; data: unknown }, secret = hookSecret, options: { signWith?: string } = {}) {
  const content = JSON.stringify({ timestamp: new Date().toISOString(), ...body });
  const headers = new StandardWebhook(options.signWith ?? secret).headers('msg_0123456789abcdef0123456789abcdef', content);
  return {
    subscribeData: { id: 'hook_1', secret },
    rawRequest: {
      method: 'POST' as const,
      headers: { 'Http-Webhook-Id': headers['webhook-id'], 'Http-Webhook-Timestamp': headers['webhook-timestamp'], 'Http-Webhook-Signature': headers['webhook-signature'], 'Http-Content-Type': 'application/json' },
      content,
    },
    cleanedRequest: JSON.parse(content) as unknown,
  };
}
