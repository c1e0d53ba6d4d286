import assert from 'node:assert/strict';
import { isSyncError } from '@synaptiq/shared';
import type { CrmAdapter, CrmConnection, Workspace } from '@synaptiq/shared';
import { createCrmFactory } from '../../../relay/src/crm/crm-factory';
import type { AdapterRequest, CrmFactory, SecretSealer } from '../../../relay/src/crm/crm-factory';
import { buildWorkspace } from '../worker/support/builders';
import { FakeCrm } from '../worker/support/fake-crm';
import { silentLogger } from '../worker/support/harness';
import { memoryStores } from '../worker/support/stores';

/** Reversible and obviously not plain text; enough to prove the factory seals and opens. */
const sealer: SecretSealer = {
  seal: (plain) => `sealed:${Buffer.from(plain).toString('base64')}`,
  open: (sealed) => {
    if (!sealed.startsWith('sealed:')) throw new Error('wrong key');
    return Buffer.from(sealed.slice('sealed:'.length), 'base64').toString();
  },
};

const hubspotOAuth: CrmConnection = {
  provider: 'hubspot',
  auth: 'oauth',
  access_token: 'at-1',
  refresh_token: 'rt-1',
  expires_at: null,
  rate_limit_per_10s: 110,
};

async function setup(options: { sandbox?: boolean } = {}) {
  const stores = memoryStores();
  const requests: AdapterRequest[] = [];
  const build = (request: AdapterRequest): CrmAdapter => {
    requests.push(request);
    return new FakeCrm();
  };
  const factory: CrmFactory = createCrmFactory({
    config: stores.config,
    secrets: sealer,
    build: { hubspot: build, salesforce: build },
    sandbox: options.sandbox === false ? null : { url: 'http://127.0.0.1:3001', token: 'sandbox-token' },
    logger: silentLogger,
  });
  const connect = async (workspace: Workspace, connection: CrmConnection): Promise<Workspace> => {
    const connected = { ...workspace, crm_connection: await sealer.seal(JSON.stringify(connection)) };
    await stores.config.saveWorkspace(connected);
    return connected;
  };
  return { stores, requests, factory, connect };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

describe('crmFor', () => {
  const sandboxCases = [
    { crm: 'hubspot' as const, auth: 'private_app', urlField: 'base_url' as const },
    { crm: 'salesforce' as const, auth: 'oauth', urlField: 'instance_url' as const },
  ];
  for (const { crm, auth, urlField } of sandboxCases) {
    it(`uses the sandbox CRM as ${crm} when no CRM is connected`, async () => {
      const { factory, requests } = await setup();
      await factory.crmFor(buildWorkspace('acme', { crm }));
      const connection = requests[0]?.connection;
      const url = connection && urlField in connection ? connection[urlField as keyof typeof connection] : undefined;
      assert.deepEqual(
        [requests[0]?.sandbox, connection?.provider, connection?.auth, connection?.access_token, url],
        [true, crm, auth, 'sandbox-token', 'http://127.0.0.1:3001'],
      );
    });
  }

  it('refuses an unconnected workspace when there is no sandbox', async () => {
    const { factory } = await setup({ sandbox: false });
    const error = await rejection(factory.crmFor(buildWorkspace()));
    assert.ok(isSyncError(error) && error.code === 'crm.not_configured');
  });

  it('decrypts the connection of a connected workspace', async () => {
    const { factory, requests, connect } = await setup();
    await factory.crmFor(await connect(buildWorkspace(), hubspotOAuth));
    assert.deepEqual([requests[0]?.sandbox, requests[0]?.connection], [false, hubspotOAuth]);
  });

  it('builds one adapter per workspace and reuses it', async () => {
    const { factory, requests, connect } = await setup();
    const workspace = await connect(buildWorkspace(), hubspotOAuth);
    const first = await factory.crmFor(workspace);
    const second = await factory.crmFor({ ...workspace, settings: { ...workspace.settings, contact_creation: false } });
    assert.equal(first, second);
    assert.equal(requests.length, 1);
  });

  it('builds a new adapter when the connection changes', async () => {
    const { factory, connect } = await setup();
    const workspace = buildWorkspace();
    const first = await factory.crmFor(await connect(workspace, hubspotOAuth));
    const second = await factory.crmFor(await connect(workspace, { ...hubspotOAuth, access_token: 'at-other-portal' }));
    assert.notEqual(first, second);
  });

  it('keeps adapters of different workspaces apart', async () => {
    const { factory } = await setup();
    assert.notEqual(await factory.crmFor(buildWorkspace('one')), await factory.crmFor(buildWorkspace('two')));
  });

  it('fails with crm.not_configured (a pause) when the connection cannot be decrypted', async () => {
    const { factory } = await setup();
    const error = await rejection(factory.crmFor({ ...buildWorkspace(), crm_connection: 'enc:v1:other-key' }));
    assert.ok(isSyncError(error));
    assert.equal(error.code, 'crm.not_configured');
    assert.match(error.message, /ENCRYPTION_KEY/);
  });

  it('refuses a connection of another CRM than the settings choose', async () => {
    const { factory, connect } = await setup();
    const error = await rejection(factory.crmFor(await connect(buildWorkspace('acme', { crm: 'salesforce' }), hubspotOAuth)));
    assert.ok(isSyncError(error) && error.code === 'crm.not_configured');
  });

  it('saves refreshed tokens encrypted, keeping the adapter', async () => {
    const { factory, requests, connect, stores } = await setup();
    const workspace = await connect(buildWorkspace(), hubspotOAuth);
    const adapter = await factory.crmFor(workspace);
    await requests[0]?.onTokensRefreshed({ access_token: 'at-2', refresh_token: 'rt-2', expires_at: 1_800_000 });
    const saved = await stores.config.getWorkspace('acme');
    assert.ok(saved?.crm_connection);
    assert.doesNotMatch(saved.crm_connection, /at-2/);
    assert.deepEqual(JSON.parse(await sealer.open(saved.crm_connection)), { ...hubspotOAuth, access_token: 'at-2', refresh_token: 'rt-2', expires_at: 1_800_000 });
    assert.equal(await factory.crmFor(saved), adapter);
  });

  it('tries again after a failed build instead of caching the failure', async () => {
    const { factory, connect } = await setup();
    const broken = { ...buildWorkspace(), crm_connection: 'garbage' };
    await rejection(factory.crmFor(broken));
    const fixed = await connect(buildWorkspace(), hubspotOAuth);
    assert.ok(await factory.crmFor(fixed));
  });
});
