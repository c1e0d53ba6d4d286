import assert from 'node:assert/strict';
import { createSecretBox, generateWebhookSecret, hashApiKey } from '../../../relay/src/crypto';
import { ensureDefaultWorkspace } from '../../../relay/src/services/default-workspace';
import { createMemoryStores } from '../../../relay/src/stores';
import { fixedClock, testEncryptionKey } from '../support/test-relay';

describe('ensureDefaultWorkspace', () => {
  const secrets = createSecretBox(testEncryptionKey);
  const setup = () => ({ config: createMemoryStores().config, secrets, clock: fixedClock() });

  it('creates workspace "default" once, with generated credentials', async () => {
    const deps = setup();
    const first = await ensureDefaultWorkspace(deps, { crm: null });
    assert.equal(first.created, true);
    assert.equal(first.workspace.api_keys[0]?.hash, hashApiKey(first.generated.apiKey as string));
    const second = await ensureDefaultWorkspace(deps, { crm: null });
    assert.deepEqual([second.created, second.generated, second.changes], [false, { apiKey: null, webhookSecret: null }, []]);
  });

  it('leaves a rotation alone when WEBHOOK_SECRET is its old half', async () => {
    const deps = setup();
    const old = generateWebhookSecret();
    const { workspace } = await ensureDefaultWorkspace(deps, { crm: null, webhookSecret: old });
    const rotated = [secrets.encrypt(generateWebhookSecret()), ...workspace.webhook_secrets];
    await deps.config.saveWorkspace({ ...workspace, webhook_secrets: rotated });
    const restarted = await ensureDefaultWorkspace(deps, { crm: null, webhookSecret: old });
    assert.deepEqual(restarted.changes, []);
    assert.equal((await deps.config.getWorkspace('default'))?.webhook_secrets.length, 2);
  });

  it('replaces the webhook secret when WEBHOOK_SECRET names a new one', async () => {
    const deps = setup();
    await ensureDefaultWorkspace(deps, { crm: null });
    const chosen = generateWebhookSecret();
    const restarted = await ensureDefaultWorkspace(deps, { crm: null, webhookSecret: chosen });
    assert.deepEqual(restarted.changes, ['WEBHOOK_SECRET replaced the webhook secret']);
    assert.deepEqual(restarted.workspace.webhook_secrets.map((sealed) => secrets.decrypt(sealed)), [chosen]);
  });

  it('connects the CRM the environment names and switches the provider', async () => {
    const deps = setup();
    await ensureDefaultWorkspace(deps, { crm: null });
    const crm = { provider: 'hubspot' as const, auth: 'private_app' as const, access_token: 'pat-na1-1', rate_limit_per_10s: 100 };
    const connected = await ensureDefaultWorkspace(deps, { crm });
    assert.deepEqual(connected.changes, ['the hubspot connection from the environment is now used']);
    assert.equal(JSON.parse(secrets.decrypt(connected.workspace.crm_connection as string)).access_token, 'pat-na1-1');
    const switched = await ensureDefaultWorkspace(deps, { crm: null, provider: 'salesforce' });
    assert.equal(switched.workspace.settings.crm, 'salesforce');
  });

  it('starts a Salesforce workspace at Salesforce\'s "Qualification" stage', async () => {
    const { workspace } = await ensureDefaultWorkspace(setup(), { crm: null, provider: 'salesforce' });
    assert.equal(workspace.settings.deal_creation.initial_stage, 'Qualification');
  });
});
