import { eventStatuses, type EventStatus } from '@synaptiq/shared';
import type { SignedRequest } from './signed-pool';

/** A small client for the relay's HTTP API, as a sender and an operator would use it. */
export class RelayApi {
  constructor(
    readonly url: string,
    private readonly apiKey: string,
  ) {}

  /** POSTs one signed webhook; the status, or null when the connection failed (outcome unknown). */
  async send(path: string, request: SignedRequest): Promise<number | null> {
    try {
      const res = await fetch(`${this.url}${path}`, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(15_000) });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return null;
    }
  }

  async get<T = unknown>(path: string, apiKey = this.apiKey): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.url}${path}`, { headers: { authorization: `Bearer ${apiKey}` }, signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async post<T = unknown>(path: string, body: unknown = undefined, apiKey = this.apiKey): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(120_000),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async patch<T = unknown>(path: string, body: unknown, apiKey = this.apiKey): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.url}${path}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  /** Events per status for a workspace, from the queue gauge of GET /metrics. */
  async queueCounts(workspaceId: string): Promise<Record<EventStatus, number>> {
    const res = await fetch(`${this.url}/metrics`, { signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    const counts = Object.fromEntries(eventStatuses.map((status) => [status, 0])) as Record<EventStatus, number>;
    for (const status of eventStatuses) {
      const match = new RegExp(`^relay_queue_events\\{workspace="${workspaceId}",status="${status}"\\} (\\d+)`, 'm').exec(text);
      counts[status] = Number(match?.[1] ?? 0);
    }
    return counts;
  }

  /** CrmAdapter calls the relay made, by operation (relay_crm_calls_total of GET /metrics). */
  async crmOperations(): Promise<Record<string, number>> {
    const text = await (await fetch(`${this.url}/metrics`, { signal: AbortSignal.timeout(30_000) })).text();
    const operations: Record<string, number> = {};
    for (const match of text.matchAll(/^relay_crm_calls_total\{[^}]*operation="([^"]+)"[^}]*\} (\d+)/gm)) operations[match[1] ?? ''] = (operations[match[1] ?? ''] ?? 0) + Number(match[2]);
    return operations;
  }

  /** Every event of the workspace (id, status, last error), following the cursor. */
  async allEvents(): Promise<EventSummary[]> {
    const events: EventSummary[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { data: EventSummary[]; next_cursor: string | null } } = await this.get(`/v1/events?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      if (page.status !== 200) throw new Error(`GET /v1/events answered ${page.status}`);
      events.push(...page.body.data);
      cursor = page.body.next_cursor;
    } while (cursor);
    return events;
  }
}

export interface EventSummary {
  id: string;
  type: string;
  lead_id: string;
  status: EventStatus;
  attempts: number;
  last_error: { code: string; message: string } | null;
}

/** Waits until the workspace's queue has nothing pending, processing or waiting to retry (or the deadline). */
export async function waitForDrain(api: RelayApi, workspaceId: string, options: { timeoutMs: number; pollMs?: number; onPoll?: (counts: Record<EventStatus, number>) => void }): Promise<Record<EventStatus, number>> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const counts = await api.queueCounts(workspaceId);
    options.onPoll?.(counts);
    if (counts.pending + counts.processing + counts.failed === 0) return counts;
    if (Date.now() > deadline) throw new Error(`the queue did not drain in ${options.timeoutMs} ms: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}
