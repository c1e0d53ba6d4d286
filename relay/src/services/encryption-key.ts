import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const encryptionKeyFileName = 'encryption.key';

export interface EncryptionKeySource {
  key: string;
  /** Where the key came from: the environment, the data dir's key file, or a file made just now. */
  origin: 'env' | 'file' | 'generated';
  path: string | null;
}

/**
 * ENCRYPTION_KEY, else `<dataDir>/encryption.key`, else a new random key written there (0600, never
 * overwritten). Back that file up with the data: without it the stored secrets cannot be opened.
 */
export function loadEncryptionKey(envKey: string | undefined, dataDir: string): EncryptionKeySource {
  if (envKey) return { key: envKey, origin: 'env', path: null };
  const path = join(dataDir, encryptionKeyFileName);
  try {
    return { key: readFileSync(path, 'utf8').trim(), origin: 'file', path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32).toString('base64');
  // 'wx': fail rather than overwrite a key another process wrote meanwhile.
  writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return { key, origin: 'generated', path };
}
