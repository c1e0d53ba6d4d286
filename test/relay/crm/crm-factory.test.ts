import assert from 'node:assert/strict';
import { isSyncError, requiredCustomProperties, SyncError } from '@synaptiq/shared';
import type { CrmAdapter, CrmConnection, CrmObjectType, CrmProperty, Workspace } from '@synaptiq/shared';
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

async function setup(options: { sandbox?: boolean; adapter?: () => CrmAdapter } = {}) {
  const stores = memoryStores();
  const requests: AdapterRequest[] = [];
  const build = (request: AdapterRequest): CrmAdapter => {
    requests.push(request);
    return options.adapter ? options.adapter() : new FakeCrm();
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

/** One sandbox CRM behind every adapter: remembers the properties created in it and can refuse the next creations. */
class SandboxProperties {
  readonly created: string[] = [];
  listings = 0;
  readonly refusals: SyncError[] = [];

  adapter = (): CrmAdapter => {
    const crm: CrmAdapter = new FakeCrm();
    crm.listProperties = async (objectType: CrmObjectType): Promise<CrmProperty[]> => {
      this.listings += 1;
      return this.created.filter((name) => name.startsWith(`${objectType}.`)).map((name) => ({ name: name.split('.')[1] ?? name, label: name, type: 'string', custom: true }));
    };
    crm.createProperty = async (objectType: CrmObjectType, definition: { name: string; label: string; type: CrmProperty['type'] }) => {
      const refusal = this.refusals.shift();
      if (refusal) throw refusal;
      this.created.push(`${objectType}.${definition.name}`);
      return { ...definition, custom: true };
    };
    return crm;
  };
}

const requiredNames = (workspace: Workspace) =>
  requiredCustomProperties(workspace.settings.crm, workspace.settings).map((property) => `${property.objectType}.${property.name}`).sort();

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

  describe('sandbox custom properties', () => {
    for (const crm of ['hubspot', 'salesforce'] as const) {
      it(`creates the ones a ${crm} workspace other than default needs when its sandbox adapter is first built`, async () => {
        const sandbox = new SandboxProperties();
        const { factory } = await setup({ adapter: sandbox.adapter });
        const workspace = buildWorkspace('made-by-cli', { crm });
        await factory.crmFor(workspace);
        assert.deepEqual([...sandbox.created].sort(), requiredNames(workspace));
      });
    }

    it('prepares a workspace once, even when its adapter is rebuilt', async () => {
      const sandbox = new SandboxProperties();
      const { factory } = await setup({ adapter: sandbox.adapter });
      const workspace = buildWorkspace('acme', { crm: 'salesforce' });
      await factory.crmFor(workspace);
      const listings = sandbox.listings;
      await factory.crmFor({ ...workspace, settings: { ...workspace.settings, salesforce: { ...workspace.settings.salesforce, opportunity_on: 'qualified' } } });
      assert.equal(sandbox.listings, listings);
    });

    it('prepares again when a Salesforce workspace writes people to another object', async () => {
      const sandbox = new SandboxProperties();
      const { factory } = await setup({ adapter: sandbox.adapter });
      const workspace = buildWorkspace('acme', { crm: 'salesforce' });
      await factory.crmFor(workspace);
      const listings = sandbox.listings;
      await factory.crmFor({ ...workspace, settings: { ...workspace.settings, salesforce: { ...workspace.settings.salesforce, person_object: 'Contact' } } });
      assert.ok(sandbox.listings > listings);
    });

    it('never creates properties in a connected CRM', async () => {
      const sandbox = new SandboxProperties();
      const { factory, connect } = await setup({ adapter: sandbox.adapter });
      await factory.crmFor(await connect(buildWorkspace(), hubspotOAuth));
      assert.deepEqual([sandbox.created, sandbox.listings], [[], 0]);
    });

    it('tries again at the next build when the sandbox could not be reached', async () => {
      const sandbox = new SandboxProperties();
      sandbox.refusals.push(new SyncError('crm.transient', 'connect ECONNREFUSED 127.0.0.1:3001'));
      const { factory } = await setup({ adapter: sandbox.adapter });
      const workspace = buildWorkspace('made-by-console');
      const error = await rejection(factory.crmFor(workspace));
      assert.ok(isSyncError(error) && error.code === 'crm.transient');
      await factory.crmFor(workspace);
      assert.deepEqual([...sandbox.created].sort(), requiredNames(workspace));
    });

    it('pauses with the fix, rather than dead-lettering events, when the sandbox refuses a property', async () => {
      const sandbox = new SandboxProperties();
      sandbox.refusals.push(new SyncError('crm.validation', 'Property type not allowed.'));
      const { factory } = await setup({ adapter: sandbox.adapter });
      const error = await rejection(factory.crmFor(buildWorkspace()));
      assert.ok(isSyncError(error) && error.code === 'crm.not_configured');
      assert.match(error.message, /Create in CRM/);
    });
  });

  it('tries again after a failed build instead of caching the failure', async () => {
    const { factory, connect } = await setup();
    const broken = { ...buildWorkspace(), crm_connection: 'garbage' };
    await rejection(factory.crmFor(broken));
    const fixed = await connect(buildWorkspace(), hubspotOAuth);
    assert.ok(await factory.crmFor(fixed));
  });
});
