import type { RelayApi } from './relay-api';
import type { SignedRequest } from './signed-pool';

/** What a sender knows at the end: every event it meant to send ends acknowledged or rejected. */
export interface SendLedger {
  /** Unique events the sender had to deliver. */
  sent: number;
  /** Answered 2xx (stored durably by the relay). */
  acknowledged: number;
  /** Answered 4xx (refused; a sender does not retry those). */
  rejected: number;
  /** Attempts that got no answer or a 5xx and were retried (Standard Webhooks senders retry them). */
  retries: number;
  /** Events still without an answer after every attempt. */
  undelivered: number;
  /** Ids of the acknowledged events. */
  acknowledgedIds: Set<string>;
}

export interface SendOptions {
  concurrency: number;
  /** Attempts per event before giving up (with `retryDelayMs` between them). */
  maxAttempts?: number;
  retryDelayMs?: number;
  /** Called after each acknowledgement (for timing or crash injection). */
  onAcknowledged?: (id: string, ledger: SendLedger) => void;
}

/**
 * Delivers events like a webhook sender: `concurrency` requests in flight, a signed request built (and signed)
 * at each attempt, retries on no answer or 5xx (the same id, so the relay deduplicates), none on 4xx.
 */
export async function sendAll(api: RelayApi, path: string, total: number, build: (index: number) => SignedRequest, options: SendOptions): Promise<SendLedger> {
  const ledger: SendLedger = { sent: total, acknowledged: 0, rejected: 0, retries: 0, undelivered: 0, acknowledgedIds: new Set() };
  const maxAttempts = options.maxAttempts ?? 200;
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const index = next++;
      let done = false;
      for (let attempt = 1; attempt <= maxAttempts && !done; attempt += 1) {
        const request = build(index);
        const status = await api.send(path, request);
        if (status !== null && status >= 200 && status < 300) {
          ledger.acknowledged += 1;
          ledger.acknowledgedIds.add(request.id);
          options.onAcknowledged?.(request.id, ledger);
          done = true;
        } else if (status !== null && status >= 400 && status < 500) {
          ledger.rejected += 1;
          done = true;
        } else {
          ledger.retries += 1;
          await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 100));
        }
      }
      if (!done) ledger.undelivered += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return ledger;
}
