import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { crmProviderSchema } from '@synaptiq/shared';
import type { CrmProvider } from '@synaptiq/shared';
import { parseEncryptionKey } from '../../crypto';

/**
 * The OAuth `state`: which workspace asked to connect which CRM, signed (HMAC-SHA256 under a key derived
 * from ENCRYPTION_KEY) and expiring, so the callback needs no API key and cannot be pointed at another
 * workspace or replayed after it expired. https://datatracker.ietf.org/doc/html/rfc6749#section-10.12
 */

export const stateLifetimeMs = 10 * 60_000;

/** A key of its own for states, so a state signature never doubles as anything the secret box makes. */
export const deriveStateKey = (encryptionKey: string | Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', typeof encryptionKey === 'string' ? parseEncryptionKey(encryptionKey) : encryptionKey, Buffer.alloc(0), 'synaptiq oauth state v1', 32));

const statePayloadSchema = z.object({
  /** workspace id */
  w: z.string().min(1),
  p: crmProviderSchema,
  /** nonce: makes every state unique, so one can be used once */
  n: z.string().min(16),
  /** expiry, epoch ms */
  e: z.number().int(),
});
export type StatePayload = z.infer<typeof statePayloadSchema>;

const sign = (key: Buffer, payload: string): string => createHmac('sha256', key).update(payload).digest('base64url');

export function signState(key: Buffer, workspaceId: string, provider: CrmProvider, now: number): { state: string; payload: StatePayload } {
  const payload: StatePayload = { w: workspaceId, p: provider, n: randomBytes(16).toString('base64url'), e: now + stateLifetimeMs };
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return { state: `${encoded}.${sign(key, encoded)}`, payload };
}

export type StateCheck = { ok: true; payload: StatePayload } | { ok: false; reason: 'invalid' | 'expired' | 'wrong_provider' };

/** Checks the signature first (nothing unsigned is parsed), then the provider and the expiry. */
export function verifyState(key: Buffer, state: string, provider: CrmProvider, now: number): StateCheck {
  const [encoded, signature, extra] = state.split('.');
  if (!encoded || !signature || extra !== undefined) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(key, encoded));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  const parsed = statePayloadSchema.safeParse(safeJson(Buffer.from(encoded, 'base64url').toString('utf8')));
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  if (parsed.data.p !== provider) return { ok: false, reason: 'wrong_provider' };
  if (parsed.data.e <= now) return { ok: false, reason: 'expired' };
  return { ok: true, payload: parsed.data };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
