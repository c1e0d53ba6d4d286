import assert from 'node:assert/strict';
import { hashApiKey } from '../../../relay/src/crypto';
import { cli, dataDirWithWorkspace, inspect, tempDataDir } from './cli-harness';

describe('CLI: workspace create and list', () => {
  it('creates a workspace and prints its API key and webhook secret once, storing only a hash and a sealed secret', async () => {
    const dataDir = await tempDataDir();
    const run = await cli(dataDir, ['workspace', 'create', 'acme', '--name', 'Acme Agency']);
    assert.equal(run.code, 0, run.stderr);
    const apiKey = /API key:\s+(\S+)/.exec(run.stdout)?.[1];
    const secret = /Webhook secret:\s+(\S+)/.exec(run.stdout)?.[1];
    assert.ok(apiKey && secret, run.stdout);
    const stored = await inspect(dataDir, async (stores, secrets) => {
      const workspace = await stores.config.getWorkspace('acme');
      return { name: workspace?.name, hashes: workspace?.api_keys.map((key) => key.hash), secrets: workspace?.webhook_secrets.map((sealed) => secrets.decrypt(sealed)), raw: JSON.stringify(workspace) };
    });
    assert.equal(stored.name, 'Acme Agency');
    assert.deepEqual(stored.hashes, [hashApiKey(apiKey)]);
    assert.deepEqual(stored.secrets, [secret]);
    assert.ok(!stored.raw.includes(apiKey) && !stored.raw.includes(secret));
  });

  it('refuses a workspace id that exists already (exit 1) or is not an id (exit 2)', async () => {
    const { dataDir } = await dataDirWithWorkspace();
    const again = await cli(dataDir, ['workspace', 'create', 'acme']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);
    const badId = await cli(dataDir, ['workspace', 'create', 'Not An Id']);
    assert.equal(badId.code, 2);
    assert.match(badId.stderr, /is not a workspace id/);
  });

  it('lists the workspaces, as JSON with --json', async () => {
    const { dataDir } = await dataDirWithWorkspace();
    await cli(dataDir, ['workspace', 'create', 'beta']);
    const run = await cli(dataDir, ['workspace', 'list', '--json']);
    assert.equal(run.code, 0);
    assert.deepEqual(
      run.json<Array<{ id: string; crm: string; paused: string }>>().map(({ id, crm, paused }) => ({ id, crm, paused })),
      [
        { id: 'acme', crm: 'hubspot (sandbox)', paused: 'no' },
        { id: 'beta', crm: 'hubspot (sandbox)', paused: 'no' },
      ],
    );
    assert.match((await cli(dataDir, ['workspace', 'list'])).stdout, /^ID\s+NAME\s+CRM/);
  });

  it('changes no configuration while a relay answers on HOST:PORT, unless --force', async () => {
    const dataDir = await tempDataDir();
    const running = { relayRunning: async () => true };
    const refused = await cli(dataDir, ['workspace', 'create', 'acme'], running);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /A relay is running at http:\/\/127\.0\.0\.1:9/);
    assert.equal(await inspect(dataDir, (stores) => stores.config.getWorkspace('acme')), undefined);
    assert.equal((await cli(dataDir, ['workspace', 'create', 'acme', '--force'], running)).code, 0);
  });

  it('says which data dir is empty instead of creating one for a read', async () => {
    const run = await cli(await tempDataDir(), ['workspace', 'list']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /There is no relay data in .*set DATA_DIR/);
  });

  const usageErrors: Array<{ argv: string[]; message: RegExp }> = [
    { argv: [], message: /Give a command/ },
    { argv: ['frobnicate'], message: /Unknown command "frobnicate"/ },
    { argv: ['workspace', 'create'], message: /"workspace create" takes <id>/ },
    { argv: ['status', 'a', 'b'], message: /"status" takes \[<workspace>\]/ },
    { argv: ['workspace', 'list', '--colour'], message: /Unknown option '--colour'/ },
  ];
  for (const { argv, message } of usageErrors) {
    it(`exits 2 with the usage for "${argv.join(' ')}"`, async () => {
      const run = await cli(await tempDataDir(), argv);
      assert.equal(run.code, 2);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /Usage: synaptiq-relay <command>/);
    });
  }
});
