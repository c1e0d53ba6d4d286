import { createHmac, timingSafeEqual } from 'node:crypto';
import { SyncError } from '../errors';
import { systemClock, type Clock } from '../ports/clock';

/**
 * Standard Webhooks signing and verification (https://www.standardwebhooks.com/, spec:
 * https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md).
 * A faithful copy of the reference library's scheme, with what it lacks: several secrets at once
 * (rotation), an injected clock, and failures as the product's SyncError codes.
 */

export const webhookSecretPrefix = 'whsec_';
/** Timestamps further than this from now are rejected (replay protection), both ways. */
export const webhookToleranceSeconds = 5 * 60;

// A type alias (not an interface), so it is assignable to IncomingHeaders.
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/** Incoming headers as Node gives them (lower-cased names; repeated headers as arrays). */
export type IncomingHeaders = Record<string, string | string[] | undefined>;

export interface StandardWebhookOptions {
  clock?: Clock;
  toleranceSeconds?: number;
}

const headerNames = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/** The HMAC key of a `whsec_<base64>` secret (the prefix is optional, as in the reference library). */
function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(webhookSecretPrefix) ? secret.slice(webhookSecretPrefix.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0 || key.toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, '')) {
    throw new Error('A webhook secret must be "whsec_" followed by base64 (e.g. whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw).');
  }
  return key;
}

const singleHeader = (headers: IncomingHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export class StandardWebhook {
  private readonly keys: Buffer[];
  private readonly clock: Clock;
  private readonly toleranceSeconds: number;

  /** `secrets`: the first one signs; every one verifies (two during a rotation). */
  constructor(secrets: string | readonly string[], options: StandardWebhookOptions = {}) {
    const list = typeof secrets === 'string' ? [secrets] : [...secrets];
    if (list.length === 0) throw new Error('StandardWebhook needs at least one secret.');
    this.keys = list.map(secretKey);
    this.clock = options.clock ?? systemClock;
    this.toleranceSeconds = options.toleranceSeconds ?? webhookToleranceSeconds;
  }

  /** The `webhook-signature` value of a message: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. */
  sign(id: string, timestampSeconds: number, payload: string | Uint8Array): string {
    const [key] = this.keys as [Buffer];
    return `v1,${this.digest(key, id, timestampSeconds, payload).toString('base64')}`;
  }

  /** The three headers of a message sent now. */
  headers(id: string, payload: string | Uint8Array): WebhookHeaders {
    const timestamp = Math.floor(this.clock.now() / 1000);
    return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': this.sign(id, timestamp, payload) };
  }

  /**
   * Checks a received message against its raw body; returns the `webhook-id`.
   * Throws SyncError `signature.missing`, `signature.timestamp_out_of_range` or `signature.invalid`.
   */
  verify(payload: string | Uint8Array, headers: IncomingHeaders): string {
    const missing = headerNames.filter((name) => !singleHeader(headers, name));
    if (missing.length > 0) {
      throw new SyncError('signature.missing', `The request lacks the Standard Webhooks header(s) ${missing.join(', ')}; sign it with the webhook secret (whsec_…).`, {
        details: { missing_headers: missing },
      });
    }
    const id = singleHeader(headers, 'webhook-id') as string;
    const timestamp = this.checkTimestamp(singleHeader(headers, 'webhook-timestamp') as string);
    const signatures = (singleHeader(headers, 'webhook-signature') as string).split(' ');
    const expected = this.keys.map((key) => this.digest(key, id, timestamp, payload));
    // Every pair is compared, so the time taken does not tell which secret or signature came close.
    let matched = false;
    for (const versioned of signatures) {
      const [version, encoded] = versioned.split(',', 2);
      if (version !== 'v1' || encoded === undefined) continue;
      const received = Buffer.from(encoded, 'base64');
      for (const digest of expected) {
        if (received.length === digest.length && timingSafeEqual(received, digest)) matched = true;
      }
    }
    if (!matched) {
      throw new SyncError('signature.invalid', 'No webhook-signature matches the body: sign "webhook-id.webhook-timestamp.<raw body>" with HMAC-SHA256 and the webhook secret (the base64 after whsec_), and send the body unchanged.');
    }
    return id;
  }

  private checkTimestamp(header: string): number {
    const timestamp = Number(header);
    if (!/^\d+$/.test(header) || !Number.isSafeInteger(timestamp)) {
      throw new SyncError('signature.invalid', 'The webhook-timestamp header must be unix seconds (an integer).', { details: { header: 'webhook-timestamp' } });
    }
    const now = Math.floor(this.clock.now() / 1000);
    if (Math.abs(now - timestamp) > this.toleranceSeconds) {
      throw new SyncError('signature.timestamp_out_of_range', `The webhook-timestamp is more than ${this.toleranceSeconds / 60} minutes from the relay's clock: send the message with the current time (and check the sender's clock).`, {
        details: { timestamp, now, tolerance_seconds: this.toleranceSeconds },
      });
    }
    return timestamp;
  }

  private digest(key: Buffer, id: string, timestamp: number, payload: string | Uint8Array): Buffer {
    return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(payload).digest();
  }
}
