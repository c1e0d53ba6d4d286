import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createSecretBox, isSealed, parseEncryptionKey, SecretBoxError } from '../../../relay/src/crypto/index';

const keyHex = 'a1'.repeat(32);
const otherKeyHex = 'b2'.repeat(32);

const failsWith = (reason: SecretBoxError['reason']) => (error: unknown) => error instanceof SecretBoxError && error.reason === reason;

/** Changes one character of the sealed part at `index` (0 iv, 1 tag, 2 ciphertext). */
function tamper(sealed: string, index: number): string {
  const parts = sealed.split(':');
  const part = parts[index + 2] ?? '';
  parts[index + 2] = `${part[0] === 'A' ? 'B' : 'A'}${part.slice(1)}`;
  return parts.join(':');
}

describe('createSecretBox', () => {
  const secrets = ['whsec_c2VjcmV0LXNpZ25pbmcta2V5LWZvci10ZXN0aW5n', '{"access_token":"pat-na1-…","refresh":"ünïcödé ✓"}', ''];
  for (const secret of secrets) {
    it(`round-trips ${JSON.stringify(secret).slice(0, 30)}`, () => {
      const box = createSecretBox(keyHex);
      const sealed = box.encrypt(secret);
      assert.equal(box.decrypt(sealed), secret);
    });
  }

  it('seals as enc:v1:<iv>:<tag>:<ciphertext> in base64url, never showing the secret', () => {
    const sealed = createSecretBox(keyHex).encrypt('whsec_topsecret');
    assert.match(sealed, /^enc:v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    assert.ok(!sealed.includes('topsecret'));
    assert.ok(isSealed(sealed));
  });

  it('seals the same secret differently each time (a fresh IV per value)', () => {
    const box = createSecretBox(keyHex);
    assert.notEqual(box.encrypt('same'), box.encrypt('same'));
  });

  for (const [part, index] of [['IV', 0], ['tag', 1], ['ciphertext', 2]] as const) {
    it(`detects a changed ${part}`, () => {
      const box = createSecretBox(keyHex);
      assert.throws(() => box.decrypt(tamper(box.encrypt('secret value'), index)), failsWith('undecryptable'));
    });
  }

  it('refuses a value sealed with another key, telling the user which variable to check', () => {
    const sealed = createSecretBox(otherKeyHex).encrypt('secret value');
    assert.throws(() => createSecretBox(keyHex).decrypt(sealed), (error: unknown) => {
      assert.ok(failsWith('undecryptable')(error));
      assert.match(String(error), /ENCRYPTION_KEY/);
      return true;
    });
  });

  const malformed = ['plain text', 'enc:v1:abc', 'enc:v2:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:AA', 'enc:v1:AAAA:AAAAAAAAAAAAAAAAAAAAAA:AA', 'enc:v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:A+/='];
  for (const value of malformed) {
    it(`refuses the malformed value ${JSON.stringify(value)}`, () => {
      assert.throws(() => createSecretBox(keyHex).decrypt(value), failsWith('malformed'));
    });
  }

  it('accepts the key as raw bytes', () => {
    const key = randomBytes(32);
    const sealed = createSecretBox(key).encrypt('x');
    assert.equal(createSecretBox(key.toString('base64')).decrypt(sealed), 'x');
  });
});

describe('parseEncryptionKey', () => {
  const key = randomBytes(32);
  const valid: Array<[string, string]> = [
    ['64 hex digits', key.toString('hex')],
    ['44 base64 characters', key.toString('base64')],
    ['43 base64url characters', key.toString('base64url')],
    ['a value with surrounding whitespace', ` ${key.toString('base64')}\n`],
  ];
  for (const [form, value] of valid) {
    it(`reads ${form}`, () => {
      assert.deepEqual(parseEncryptionKey(value), key);
    });
  }

  const invalid: Array<[string, string | undefined]> = [
    ['an unset variable', undefined],
    ['an empty value', ''],
    ['16 bytes of hex', randomBytes(16).toString('hex')],
    ['48 bytes of base64', randomBytes(48).toString('base64')],
    ['a passphrase', 'correct horse battery staple'],
  ];
  for (const [form, value] of invalid) {
    it(`rejects ${form} with a message that says how to make a key and does not echo the value`, () => {
      assert.throws(() => parseEncryptionKey(value), (error: unknown) => {
        assert.ok(failsWith('invalid_key')(error));
        assert.match(String(error), /ENCRYPTION_KEY must be 32 random bytes.*randomBytes\(32\)/s);
        if (value) assert.ok(!String(error).includes(value.trim()));
        return true;
      });
    });
  }
});
