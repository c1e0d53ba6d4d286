import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { deriveStateKey, signState, verifyState } from '../../../relay/src/services/oauth';

const now = Date.parse('2026-11-24T15:00:00Z');
const key = deriveStateKey(randomBytes(32));

describe('the signed OAuth state', () => {
  it('verifies within 10 minutes for its workspace and provider', () => {
    const { state } = signState(key, 'acme', 'hubspot', now);
    const check = verifyState(key, state, 'hubspot', now + 9 * 60_000);
    assert.deepEqual(check.ok && [check.payload.w, check.payload.p], ['acme', 'hubspot']);
  });

  const refusals = [
    { name: 'signed under another key', state: () => signState(deriveStateKey(randomBytes(32)), 'acme', 'hubspot', now).state, reason: 'invalid' },
    { name: 'without a signature', state: () => signState(key, 'acme', 'hubspot', now).state.split('.')[0] ?? '', reason: 'invalid' },
    { name: 'with a truncated signature', state: () => signState(key, 'acme', 'hubspot', now).state.slice(0, -2), reason: 'invalid' },
    { name: 'empty', state: () => '', reason: 'invalid' },
    { name: 'for another provider', state: () => signState(key, 'acme', 'salesforce', now).state, reason: 'wrong_provider' },
  ] as const;
  for (const { name, state, reason } of refusals) {
    it(`refuses a state ${name}`, () => {
      assert.deepEqual(verifyState(key, state(), 'hubspot', now), { ok: false, reason });
    });
  }

  it('refuses a state at its expiry', () => {
    const { state } = signState(key, 'acme', 'hubspot', now);
    assert.deepEqual(verifyState(key, state, 'hubspot', now + 10 * 60_000), { ok: false, reason: 'expired' });
  });

  it('derives the same key from the hex or base64 form of ENCRYPTION_KEY', () => {
    const raw = randomBytes(32);
    assert.deepEqual(deriveStateKey(raw.toString('hex')), deriveStateKey(raw.toString('base64')));
  });
});
