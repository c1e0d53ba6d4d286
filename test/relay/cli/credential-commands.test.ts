import assert from 'node:assert/strict';
import { StandardWebhook } from '@synaptiq/shared/webhooks/standard-webhook';
import { hashApiKey } from '../../../relay/src/crypto';
import { cli, dataDirWithWorkspace, inspect } from './cli-harness';

const verifies = (secrets: string[], signer: string) => {
  const body = '{}';
  const headers = new StandardWebhook(signer).headers('msg_1', body);
  try {
    new StandardWebhook(secrets).verify(body, headers);
    return true;
  } catch {
    return false;
  }
};

describe('CLI: API keys and webhook secrets', () => {
  it('creates another API key, printed once and stored as a hash next to the first', async () => {
    const { dataDir, apiKey } = await dataDirWithWorkspace();
    const run = await cli(dataDir, ['key', 'create', 'acme', '--label', 'zapier', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const created = run.json<{ id: string; api_key: string; label: string }>();
    const hashes = await inspect(dataDir, async (stores) => (await stores.config.getWorkspace('acme'))?.api_keys.map((key) => [key.hash, key.label]));
    assert.deepEqual(hashes, [
      [hashApiKey(apiKey), 'default'],
      [hashApiKey(created.api_key), 'zapier'],
    ]);
  });

  it('revokes a key by id, and says so when the key is unknown', async () => {
    const { dataDir } = await dataDirWithWorkspace();
    const created = (await cli(dataDir, ['key', 'create', 'acme', '--json'])).json<{ id: string }>();
    assert.equal((await cli(dataDir, ['key', 'revoke', 'acme', created.id])).code, 0);
    const ids = await inspect(dataDir, async (stores) => (await stores.config.getWorkspace('acme'))?.api_keys.map((key) => key.id));
    assert.ok(ids && ids.length === 1 && !ids.includes(created.id));
    const unknown = await cli(dataDir, ['key', 'revoke', 'acme', created.id]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /has no API key/);
  });

  it('rotates the webhook secret: both verify until the old one is retired, then only the new one', async () => {
    const { dataDir, webhookSecret: old } = await dataDirWithWorkspace();
    const rotated = await cli(dataDir, ['secret', 'rotate', 'acme', '--json']);
    assert.equal(rotated.code, 0, rotated.stderr);
    const fresh = rotated.json<{ webhook_secret: string }>().webhook_secret;
    const stored = () => inspect(dataDir, async (stores, secrets) => (await stores.config.getWorkspace('acme'))?.webhook_secrets.map((sealed) => secrets.decrypt(sealed)) ?? []);

    const during = await stored();
    assert.deepEqual(during, [fresh, old]);
    assert.ok(verifies(during, old) && verifies(during, fresh));
    assert.equal((await cli(dataDir, ['secret', 'rotate', 'acme'])).code, 1, 'a second rotation must wait for the retirement');

    assert.equal((await cli(dataDir, ['secret', 'retire', 'acme'])).code, 0);
    const after = await stored();
    assert.deepEqual(after, [fresh]);
    assert.ok(!verifies(after, old) && verifies(after, fresh));
    assert.equal((await cli(dataDir, ['secret', 'retire', 'acme'])).code, 1, 'nothing left to retire');
  });

  it('names the unknown workspace', async () => {
    const { dataDir } = await dataDirWithWorkspace();
    const run = await cli(dataDir, ['key', 'create', 'nobody']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /There is no workspace "nobody"/);
  });
});
