import assert from 'node:assert/strict';
import { systemClock } from '@synaptiq/shared';
import { startRelay } from '../../../relay/src/server';
import type { RunningRelay } from '../../../relay/src/server';
import { removeTestDataDirs, silentPino, testEnv } from '../support/relay-env';
import { cli } from './cli-harness';

describe('CLI beside a running relay', () => {
  let relay: RunningRelay;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    const relayEnv = testEnv();
    relay = await startRelay(relayEnv, { logger: silentPino() });
    // No ENCRYPTION_KEY: the CLI opens the key file the relay generated in the data dir, as an operator's would.
    env = { DATA_DIR: relayEnv.DATA_DIR, HOST: '127.0.0.1', PORT: String(relay.port) };
  });
  after(async () => {
    await relay.close();
    removeTestDataDirs();
  });

  const run = (argv: string[]) => cli('', argv, { relayRunning: undefined, clock: systemClock }, { env });

  it('sees the relay and refuses configuration changes it would overwrite', async () => {
    const refused = await run(['key', 'create', 'default']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /A relay is running at http:\/\/127\.0\.0\.1:\d+/);
    const status = await run(['status', '--json']);
    assert.equal(status.json<{ relay: { running: boolean } }>().relay.running, true);
  });

  it('runs Sync Now through the relay with the workspace\'s API key', async () => {
    const apiKey = relay.defaultWorkspace.generated.apiKey;
    assert.ok(apiKey);
    const synced = await run(['sync-now', 'default', '--api-key', apiKey, '--json']);
    assert.equal(synced.code, 0, synced.stderr);
    assert.deepEqual(synced.json<object>(), { pushed: 0, skipped: 0, failed: 0, remaining: 0, results: [] });
    assert.match(synced.stderr, /running in the relay at/);
  });

  it('refuses to run Sync Now of one workspace with the key of another', async () => {
    assert.equal((await run(['workspace', 'create', 'other', '--force'])).code, 0);
    const refused = await run(['sync-now', 'other', '--api-key', relay.defaultWorkspace.generated.apiKey ?? '']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /The API key belongs to workspace "default", not "other"/);
  });
});
