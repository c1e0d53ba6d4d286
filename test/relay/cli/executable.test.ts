import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cliEnv, tempDataDir } from './cli-harness';

const bin = fileURLToPath(new URL('../../../relay/bin/synaptiq-relay.js', import.meta.url));

/** `synaptiq-relay <argv>` as a child process (what npx runs), with the test data dir. */
function run(dataDir: string, argv: string[]) {
  const result = spawnSync(process.execPath, [bin, ...argv], { env: { ...process.env, ...cliEnv(dataDir) }, encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('CLI executable (relay/bin/synaptiq-relay.js)', () => {
  it('exits 2 with the usage when no command is given', async () => {
    const result = run(await tempDataDir(), []);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Usage: synaptiq-relay/);
  });

  it('creates a workspace (exit 0, JSON on stdout) and exits 1 on a missing one, without the SQLite warning', async () => {
    const dataDir = await tempDataDir();
    const created = run(dataDir, ['workspace', 'create', 'acme', '--json']);
    assert.equal(created.code, 0, created.stderr);
    assert.match((JSON.parse(created.stdout) as { api_key: string }).api_key, /^sk_/);
    const missing = run(dataDir, ['status', 'nobody']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /There is no workspace "nobody"/);
    assert.doesNotMatch(missing.stderr, /ExperimentalWarning/);
  });
});
