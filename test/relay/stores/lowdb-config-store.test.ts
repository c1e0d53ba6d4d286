import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidConfigFileError, openLowdbConfigStore } from '../../../relay/src/stores/index';
import { subscription, workspace } from './fixtures';

describe('openLowdbConfigStore', () => {
  let dataDir: string;
  const configFile = (): string => join(dataDir, 'config.json');

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'relay-config-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts empty when config.json does not exist, and creates it on the first save', async () => {
    const store = await openLowdbConfigStore(dataDir);
    assert.deepEqual(await store.listWorkspaces(), []);
    await store.saveWorkspace(workspace('acme'));
    const saved: unknown = JSON.parse(await readFile(configFile(), 'utf8'));
    assert.deepEqual(saved, { version: 1, workspaces: [workspace('acme')], subscriptions: [] });
  });

  it('writes pretty JSON with sorted keys, so the file diffs cleanly', async () => {
    const store = await openLowdbConfigStore(dataDir);
    await store.saveWorkspace(workspace('acme'));
    const text = await readFile(configFile(), 'utf8');
    assert.ok(text.startsWith('{\n  "subscriptions": [],\n  "version": 1,\n  "workspaces": [\n    {\n      "api_keys": ['), text.slice(0, 120));
    assert.ok(text.endsWith('}\n'));
  });

  it('leaves no temporary file behind after a save (write, then rename)', async () => {
    const store = await openLowdbConfigStore(dataDir);
    await Promise.all([store.saveWorkspace(workspace('acme')), store.saveSubscription(subscription('s1', 'acme'))]);
    assert.deepEqual(await readdir(dataDir), ['config.json']);
  });

  it('puts every one of several concurrent saves in the file', async () => {
    const store = await openLowdbConfigStore(dataDir);
    await Promise.all(['a1', 'a2', 'a3', 'a4'].map((id) => store.saveWorkspace(workspace(id))));
    const reopened = await openLowdbConfigStore(dataDir);
    assert.deepEqual((await reopened.listWorkspaces()).map((item) => item.id).sort(), ['a1', 'a2', 'a3', 'a4']);
  });

  it('reads back a file a person wrote by hand, filling in the schema defaults', async () => {
    const handWritten = {
      workspaces: [{ id: 'acme', name: 'Acme', created_at: '2026-03-01T12:00:00.000Z', settings: {}, webhook_secrets: ['enc:v1:a:b:c'] }],
    };
    await writeFile(configFile(), JSON.stringify(handWritten));
    const store = await openLowdbConfigStore(dataDir);
    const acme = await store.getWorkspace('acme');
    assert.deepEqual(acme?.api_keys, []);
    assert.equal(acme?.settings.duplicate_strategy, 'update_existing');
  });

  const invalidFiles: Array<[string, string, RegExp]> = [
    ['a workspace without webhook secrets', JSON.stringify({ workspaces: [{ ...workspace('acme'), webhook_secrets: [] }] }), /workspaces\[0\]\.webhook_secrets: /],
    ['a bad sync mode deep in the settings', JSON.stringify({ workspaces: [{ ...workspace('acme'), settings: { sync_mode: { mode: 'hourly' } } }] }), /workspaces\[0\]\.settings\.sync_mode/],
    ['a subscription with a bad URL', JSON.stringify({ subscriptions: [{ ...subscription('s1', 'acme'), target_url: 'nope' }] }), /subscriptions\[0\]\.target_url: /],
    ['text that is not JSON', '{"workspaces": [', /not valid JSON/],
    ['an empty file', '', /not valid JSON/],
  ];
  for (const [problem, content, expected] of invalidFiles) {
    it(`refuses to open ${problem}, naming the file and the bad path`, async () => {
      await writeFile(configFile(), content);
      await assert.rejects(openLowdbConfigStore(dataDir), (error: unknown) => {
        assert.ok(error instanceof InvalidConfigFileError);
        assert.match(error.message, new RegExp(configFile().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
        assert.match(error.message, expected);
        return true;
      });
    });
  }
});
