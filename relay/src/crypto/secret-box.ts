import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for the secrets in config.json (webhook secrets, CRM tokens): AES-256-GCM,
 * a fresh 96-bit IV per value, the 128-bit tag checked on decrypt, so a changed value or a wrong
 * key is an error, never garbage. Sealed values read `enc:v1:<iv>:<tag>:<ciphertext>`, each part
 * base64url; the version lets a later format or key rotation be told apart.
 * https://nodejs.org/api/crypto.html#class-cipher
 */

const algorithm = 'aes-256-gcm';
const prefix = 'enc:v1:';
const ivBytes = 12;
const tagBytes = 16;
const keyBytes = 32;

export interface SecretBox {
  /** Seals a secret; the same secret sealed twice gives two different strings. */
  encrypt(plaintext: string): string;
  /** Opens a sealed secret; throws SecretBoxError when it is malformed, altered or sealed with another key. */
  decrypt(sealed: string): string;
}

export class SecretBoxError extends Error {
  constructor(
    readonly reason: 'invalid_key' | 'malformed' | 'undecryptable',
    message: string,
  ) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export const isSealed = (value: string): boolean => value.startsWith(prefix);

const hexKey = /^[0-9a-fA-F]{64}$/;
const base64Key = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * The 32-byte key from its environment form: 64 hex digits or 44 base64 characters (base64url too).
 * The message says how to make one; it never echoes the value.
 */
export function parseEncryptionKey(value: string | undefined, variable = 'ENCRYPTION_KEY'): Buffer {
  const text = value?.trim() ?? '';
  const key = hexKey.test(text) ? Buffer.from(text, 'hex') : base64Key.test(text) ? Buffer.from(text, 'base64') : undefined;
  if (key === undefined || key.length !== keyBytes) {
    throw new SecretBoxError(
      'invalid_key',
      `${variable} must be 32 random bytes written as 64 hex digits or 44 base64 characters ` +
        `(${text === '' ? 'it is not set' : `the value given has ${text.length} characters and is neither`}). ` +
        `Make one with: node -e "console.log(require('node:crypto').randomBytes(32).toString('base64'))"`,
    );
  }
  return key;
}

/** A SecretBox over a key given as bytes or in its environment form (see parseEncryptionKey). */
export function createSecretBox(key: string | Uint8Array): SecretBox {
  const secretKey = typeof key === 'string' ? parseEncryptionKey(key) : Buffer.from(key);
  if (secretKey.length !== keyBytes) {
    throw new SecretBoxError('invalid_key', `The encryption key must be ${keyBytes} bytes; got ${secretKey.length}.`);
  }
  return {
    encrypt(plaintext) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv(algorithm, secretKey, iv, { authTagLength: tagBytes });
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${prefix}${[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')).join(':')}`;
    },
    decrypt(sealed) {
      const { iv, tag, ciphertext } = splitSealed(sealed);
      const decipher = createDecipheriv(algorithm, secretKey, iv, { authTagLength: tagBytes });
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError(
          'undecryptable',
          'A stored secret could not be decrypted: ENCRYPTION_KEY is not the key it was encrypted with, or the value was changed. ' +
            'Restore the original ENCRYPTION_KEY, or enter the secret again.',
        );
      }
    },
  };
}

const base64url = /^[A-Za-z0-9_-]*$/;

function splitSealed(sealed: string): { iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const parts = isSealed(sealed) ? sealed.slice(prefix.length).split(':') : [];
  const [iv, tag, ciphertext] = parts.every((part) => base64url.test(part)) ? parts.map((part) => Buffer.from(part, 'base64url')) : [];
  if (parts.length !== 3 || iv?.length !== ivBytes || tag?.length !== tagBytes || ciphertext === undefined) {
    throw new SecretBoxError('malformed', `A stored secret is not in the ${prefix}<iv>:<tag>:<ciphertext> form; enter the secret again.`);
  }
  return { iv, tag, ciphertext };
}
