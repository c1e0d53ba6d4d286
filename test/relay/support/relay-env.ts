import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../../relay/src/config';
import type { RelayEnv } from '../../../relay/src/config';

const dataDirs: string[] = [];

/** A relay environment on free ports and a fresh temporary data dir (removed by removeTestDataDirs). */
export function testEnv(overrides: Partial<RelayEnv> = {}): RelayEnv {
  const dataDir = mkdtempSync(join(tmpdir(), 'relay-test-'));
  dataDirs.push(dataDir);
  return { ...loadConfig({ DATA_DIR: dataDir }), PORT: 0, SANDBOX_PORT: 0, ...overrides };
}

export function removeTestDataDirs(): void {
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const silentPino = () => pino({ level: 'silent' });
