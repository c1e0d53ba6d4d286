import { Client } from '@hubspot/api-client';
import { Connection } from 'jsforce';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox-crm/src/index';

/** A clock tests move by hand. */
export class FakeClock {
  constructor(public current = Date.parse('2026-11-26T09:00:00Z')) {}
  now = (): number => this.current;
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Starts a sandbox with rate limits off unless a suite turns them on. */
export function sandboxFor(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({
    ...options,
    config: { ...options.config, hubspot: { rateLimit: { enabled: false }, ...options.config?.hubspot } },
  });
}

export function hubspotClient(sandbox: RunningSandbox, accessToken = 'pat-na1-test'): Client {
  return new Client({ accessToken, basePath: sandbox.url, numberOfApiCallRetries: 0 });
}

export function salesforceConnection(sandbox: RunningSandbox, accessToken = '00Dtest!token'): Connection {
  return new Connection({ instanceUrl: sandbox.url, accessToken, version: '62.0' });
}

/** The HubSpot SDK's ApiException, narrowed without `any`. */
export async function hubspotError(promise: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown>; headers: Record<string, string> }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: number; body?: unknown; headers?: Record<string, string> };
    const body = typeof e.body === 'string' ? (JSON.parse(e.body) as Record<string, unknown>) : (e.body as Record<string, unknown>);
    return { code: e.code ?? 0, body, headers: e.headers ?? {} };
  }
  throw new Error('expected the call to fail');
}

export async function salesforceError(promise: PromiseLike<unknown>): Promise<{ errorCode: string; message: string; data: unknown }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { errorCode?: string; message?: string; data?: unknown };
    return { errorCode: e.errorCode ?? '', message: e.message ?? '', data: e.data };
  }
  throw new Error('expected the call to fail');
}

/** Starts one sandbox for the suite (port 0), closes it after, and optionally resets data before each test. */
export function withSandbox(options: SandboxOptions = {}, resetEach = true): { readonly sandbox: RunningSandbox } {
  let current: RunningSandbox | undefined;
  before(async () => {
    current = await sandboxFor(options);
  });
  after(() => current?.close());
  if (resetEach) beforeEach(() => current?.reset());
  return {
    get sandbox(): RunningSandbox {
      if (!current) throw new Error('the sandbox starts in a before() hook');
      return current;
    },
  };
}
