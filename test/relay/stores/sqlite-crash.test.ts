import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStores } from '../../../relay/src/stores/index';

const child = fileURLToPath(new URL('./support/append-then-hang.ts', import.meta.url));

describe('SQLite event journal after a crash', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'relay-crash-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every event whose append returned, though the process was killed without closing', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', '--disable-warning=ExperimentalWarning', child, dataDir, 'e1', 'e2', 'e3'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let output = '';
      for await (const chunk of proc.stdout) {
        output += String(chunk);
        if (output.includes('appended')) break;
      }
      assert.match(output, /appended/);
    } finally {
      proc.kill('SIGKILL');
      if (proc.exitCode === null && proc.signalCode === null) await once(proc, 'exit');
    }
    const stores = await openStores({ dataDir });
    try {
      assert.deepEqual((await stores.events.list('acme', {}, { limit: 10 })).items.map((event) => event.event_id), ['e3', 'e2', 'e1']);
    } finally {
      await stores.close();
    }
  });
});
