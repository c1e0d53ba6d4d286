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
