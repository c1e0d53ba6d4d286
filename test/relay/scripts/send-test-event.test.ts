import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startRelay } from '../../../relay/src/server';
import { removeTestDataDirs, silentPino, testEnv } from '../support/relay-env';

const run = promisify(execFile);

describe('npm run send-test-event', () => {
  after(removeTestDataDirs);

  it('signs a conversation\'s four events with the secret from the data dir and the relay accepts them', async () => {
    const env = testEnv({ RELAY_API_KEY: 'sk_send_test_event_0123456789abcdef' });
    const relay = await startRelay(env, { logger: silentPino() });
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'relay/src/scripts/send-test-event.ts'], {
        // The secret comes from <DATA_DIR>/config.json, opened with <DATA_DIR>/encryption.key: neither is in the environment.
        env: { PATH: process.env.PATH, DATA_DIR: env.DATA_DIR, PORT: String(relay.port), SANDBOX: 'off', RELAY_API_KEY: env.RELAY_API_KEY },
        timeout: 30_000,
      });
      for (const type of ['lead.created', 'lead.qualified', 'conversation.completed', 'meeting.booked']) {
        assert.match(stdout, new RegExp(`${type.replace('.', '\\.')}\\s+→ 202 .*"status":"accepted"`));
      }
      assert.match(stdout, /GET \/v1\/leads\/lead_test_\w+ → 200/);
    } finally {
      await relay.close();
    }
  });
});
