import { StandardWebhook } from '@synaptiq/shared/webhooks/standard-webhook';
import { leadLifecycle, rawBenchEvent, type BenchEventType } from './leads';

/** One ready-to-send webhook request: the raw body and its Standard Webhooks headers. */
export interface SignedRequest {
  id: string;
  body: string;
  headers: Record<string, string>;
}

/** One benchmark event (lead `lead`'s `type` step), signed now with `webhook`. */
export function signBenchEvent(webhook: StandardWebhook, lead: number, type: BenchEventType, run: string): SignedRequest {
  const event = rawBenchEvent(lead, type, run);
  const id = String(event.id);
  const body = JSON.stringify(event);
  return { id, body, headers: { 'content-type': 'application/json', ...webhook.headers(id, body) } };
}

/**
 * Signed, unique Synaptiq events, signed ahead of time so the load generator spends its CPU on sending.
 * `run` keeps ids unique across pools of the same relay; each event is its own lead's next lifecycle step.
 */
export class SignedEventPool {
  private readonly webhook: StandardWebhook;
  private next = 0;
  private readonly pool: SignedRequest[] = [];
  private cursor = 0;

  constructor(secret: string, private readonly run: string) {
    this.webhook = new StandardWebhook(secret);
  }

  /** Signs `count` more events now (timestamps must stay within the relay's 5-minute tolerance). */
  fill(count: number): void {
    this.pool.splice(0, this.cursor);
    this.cursor = 0;
    for (let i = 0; i < count; i += 1) this.pool.push(this.sign(this.next++));
  }

  /** The next unsigned-yet-unsent request; signs one on the spot if the pool ran dry. */
  take(): SignedRequest {
    const ready = this.pool[this.cursor];
    if (ready) {
      this.cursor += 1;
      return ready;
    }
    return this.sign(this.next++);
  }

  private sign(n: number): SignedRequest {
    return signBenchEvent(this.webhook, Math.floor(n / leadLifecycle.length), leadLifecycle[n % leadLifecycle.length] ?? 'lead.created', this.run);
  }
}
