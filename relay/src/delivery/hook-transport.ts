/** One HTTP POST of a signed message to a subscriber, and what came back. */

export interface HookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface HookResponse {
  /** The response status, or null when none came (connection refused, DNS failure, timeout). */
  status: number | null;
  /** The Retry-After header, raw. */
  retryAfter: string | null;
  /** Why no response came. */
  error: string | null;
}

export type HookTransport = (request: HookRequest) => Promise<HookResponse>;

/**
 * Sends with Node's fetch. Redirects are not followed (a 3xx is a failure): following one could lead to a
 * private address the target URL check refused. The response body is discarded unread.
 */
export const fetchTransport: HookTransport = async (request) => {
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    await response.body?.cancel();
    return { status: response.status, retryAfter: response.headers.get('retry-after'), error: null };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') return { status: null, retryAfter: null, error: `no response within ${request.timeoutMs / 1000} s` };
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    return { status: null, retryAfter: null, error: `request failed: ${cause}` };
  }
};

/**
 * Retry-After in ms from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable.
 */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its day and month; anything else (a negative number, …) is unreadable.
  const date = /^[a-z]{3}, /i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
