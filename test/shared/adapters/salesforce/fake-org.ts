import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A scripted Salesforce org on a loopback port: each expected request (method, path and, when
 * given, query, headers and body, compared exactly) gets its scripted answer, in order.
 *
 * Why not nock: nock 15 intermittently fails to intercept a request whose streamed body ends in a
 * later tick, which is how jsforce (node-fetch 2) sends every POST/PATCH body; the request then
 * leaks to the network. GETs and the first body request are intercepted, so nock-based tests
 * pass or hang at random. A real socket makes these tests exact and deterministic.
 */

export interface ReceivedRequest {
  method: string;
  /** The request target as sent, still percent-encoded. */
  rawUrl: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}


export interface Expectation {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  status?: number;
  /** The JSON answer, or a function of the request computing it. */
  reply?: unknown;
  answer?: (request: ReceivedRequest) => unknown;
  replyHeaders?: Record<string, string>;
  /** Drop the connection instead of answering (a reset socket). */
  destroy?: boolean;
  /** How many requests this answers (default 1). */
  times?: number;
}

export const api = '/services/data/v62.0';

export class FakeOrg {
  private server: Server | undefined;
  private readonly pending: Array<Expectation & { left: number }> = [];
  readonly received: ReceivedRequest[] = [];
  readonly unexpected: ReceivedRequest[] = [];
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body, headers, destroy }) => {
        if (destroy) {
          req.socket.destroy();
          return;
        }
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(body === undefined ? '' : JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  expect(expectation: Expectation): this {
    this.pending.push({ ...expectation, left: expectation.times ?? 1 });
    return this;
  }

  /** Every scripted request arrived and nothing else did. */
  assertDone(): void {
    assert.deepEqual(this.unexpected.map((r) => `${r.method} ${r.path}`), [], 'unexpected requests');
    assert.deepEqual(this.pending.filter((e) => e.left > 0).map((e) => `${e.method} ${e.path}`), [], 'expected requests not made');
  }

  /** Requests that reached a path (for counting calls). */
  callsTo(method: string, path: string): ReceivedRequest[] {
    return this.received.filter((r) => r.method === method && r.path === path);
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string>; destroy?: boolean }> {
    const request = await readRequest(req);
    this.received.push(request);
    const match = this.pending.find((e) => e.left > 0 && matches(e, request));
    if (!match) {
      this.unexpected.push(request);
      return { status: 501, body: [{ errorCode: 'NOT_SCRIPTED', message: `${request.method} ${request.path} was not expected` }] };
    }
    match.left -= 1;
    const body = match.answer ? match.answer(request) : match.reply;
    return {
      status: match.status ?? 200,
      body,
      ...(match.replyHeaders ? { headers: match.replyHeaders } : {}),
      ...(match.destroy ? { destroy: true } : {}),
    };
  }
}

function matches(expectation: Expectation, request: ReceivedRequest): boolean {
  if (expectation.method !== request.method || expectation.path !== request.path) return false;
  if (expectation.query && !isDeepEqual(expectation.query, request.query)) return false;
  if (expectation.body !== undefined && !isDeepEqual(expectation.body, request.body)) return false;
  return Object.entries(expectation.headers ?? {}).every(([name, value]) => request.headers[name.toLowerCase()] === value);
}

function isDeepEqual(expected: unknown, actual: unknown): boolean {
  try {
    assert.deepStrictEqual(actual, expected);
    return true;
  } catch {
    return false;
  }
}

async function readRequest(req: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'http://fake.org');
  const contentType = String(req.headers['content-type'] ?? '');
  const body = text === '' ? undefined : contentType.includes('json') ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text));
  return { method: req.method ?? 'GET', rawUrl: req.url ?? '/', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body };
}
