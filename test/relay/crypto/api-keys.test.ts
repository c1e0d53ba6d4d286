import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { apiKeyMatches, constantTimeEqual, displayPrefix, generateApiKey, generateWebhookSecret, hashApiKey } from '../../../relay/src/crypto/index';

describe('API keys', () => {
  it('generates sk_ keys with 32 random bytes in base64url', () => {
    const key = generateApiKey();
    assert.match(key, /^sk_[A-Za-z0-9_-]{43}$/);
    assert.notEqual(generateApiKey(), key);
  });

  it('hashes a key as the SHA-256 hex of the whole key', () => {
    assert.equal(hashApiKey('sk_test'), createHash('sha256').update('sk_test').digest('hex'));
    assert.match(hashApiKey(generateApiKey()), /^[0-9a-f]{64}$/);
  });

  it('matches a key against its stored hash and nothing else', () => {
    const key = generateApiKey();
    const hash = hashApiKey(key);
    assert.equal(apiKeyMatches(key, hash), true);
    assert.equal(apiKeyMatches(key, hash.toUpperCase()), true);
    assert.equal(apiKeyMatches(`${key}x`, hash), false);
    assert.equal(apiKeyMatches(key, ''), false);
  });

  it('shows only the first characters of a key for lists', () => {
    assert.equal(displayPrefix('sk_abcdefghijklmnop'), 'sk_abcdef');
  });

  const comparisons: Array<[string, string, boolean]> = [
    ['same', 'same', true],
    ['same', 'Same', false],
    ['short', 'a much longer string', false],
    ['', '', true],
  ];
  for (const [a, b, equal] of comparisons) {
    it(`compares ${JSON.stringify(a)} and ${JSON.stringify(b)} as ${equal ? 'equal' : 'different'}, whatever their lengths`, () => {
      assert.equal(constantTimeEqual(a, b), equal);
    });
  }
});

describe('generateWebhookSecret', () => {
  it('makes whsec_ + base64 of 32 random bytes', () => {
    const secret = generateWebhookSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(Buffer.from(secret.slice('whsec_'.length), 'base64').length, 32);
    assert.notEqual(generateWebhookSecret(), secret);
  });

  it('is accepted by the Standard Webhooks library to sign and verify', () => {
    const webhook = new Webhook(generateWebhookSecret());
    const timestamp = new Date();
    const payload = '{"id":"evt_1"}';
    const signature = webhook.sign('msg_1', timestamp, payload);
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)), 'webhook-signature': signature };
    assert.deepEqual(webhook.verify(payload, headers), { id: 'evt_1' });
  });
});
