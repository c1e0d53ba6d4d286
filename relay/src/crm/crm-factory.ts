import { crmConnectionSchema, SyncError } from '@synaptiq/shared';
import type { ConfigStore, CrmAdapter, CrmConnection, CrmProvider, Workspace, WorkspaceSettings } from '@synaptiq/shared';
import type { Logger } from '../worker/types';
import { prepareSandboxCrm } from './sandbox-properties';

/** Seals and opens secrets at rest (relay/src/crypto's secret box fits). */
export interface SecretSealer {
  seal(plain: string): string | Promise<string>;
  open(sealed: string): string | Promise<string>;
}

/** Tokens an adapter obtained by refreshing; Salesforce may rotate the refresh token too. */
export interface RefreshedTokens {
  access_token: string;
  refresh_token?: string | undefined;
  /** Epoch ms when the access token expires, when the CRM said. */
  expires_at?: number | null | undefined;
  /** Salesforce answers the org's instance URL with every token. */
  instance_url?: string | undefined;
}

export interface AdapterRequest {
  workspaceId: string;
  provider: CrmProvider;
  connection: CrmConnection;
  /** True when the workspace has no CRM connected and writes to the sandbox CRM. */
  sandbox: boolean;
  settings: WorkspaceSettings;
  /** Must be called whenever the adapter refreshed its tokens, so a restart does not reuse spent ones. */
  onTokensRefreshed(tokens: RefreshedTokens): Promise<void>;
}

/** Builds one provider's adapter (the real HubSpot / Salesforce adapters, or fakes in tests). */
export type AdapterBuilder = (request: AdapterRequest) => CrmAdapter;

export interface CrmFactoryDeps {
  config: ConfigStore;
  secrets: SecretSealer;
  build: Record<CrmProvider, AdapterBuilder>;
  /** The sandbox CRM that serves both APIs; null when unconnected workspaces must not fall back to it. */
  sandbox: { url: string; token: string } | null;
  logger: Logger;
}

export interface CrmFactory {
  /** The workspace's adapter, built once and reused while its connection and CRM settings stay the same. */
  crmFor(workspace: Workspace): Promise<CrmAdapter>;
  /** Forgets a workspace's adapter (after its connection was replaced or removed). */
  invalidate(workspaceId: string): void;
}

interface CachedAdapter {
  fingerprint: string;
  adapter: Promise<CrmAdapter>;
}

/** What the adapter is built from: a change to any of it needs a new adapter. */
const fingerprintOf = (workspace: Workspace, sealedConnection: string | null): string =>
  JSON.stringify([workspace.settings.crm, workspace.settings.salesforce, sealedConnection]);

/**
 * Chooses each workspace's CRM adapter: the sandbox CRM (as HubSpot or Salesforce, per settings.crm) when no
 * CRM is connected, else the connected CRM with its decrypted credentials. Adapters are cached per workspace,
 * because their rate limiters must live as long as the portal's budget does, and refreshed tokens are saved
 * back (encrypted) without rebuilding the adapter.
 */
export function createCrmFactory(deps: CrmFactoryDeps): CrmFactory {
  const cache = new Map<string, CachedAdapter>();
  const tokenWrites = new Map<string, Promise<void>>();
  const prepareSandbox = prepareSandboxCrm(deps.logger);

  async function persistTokens(workspaceId: string, tokens: RefreshedTokens): Promise<void> {
    const previous = tokenWrites.get(workspaceId) ?? Promise.resolve();
    // Refreshes of one workspace are saved in order: a later token must never be overwritten by an earlier one.
    const write = previous.then(async () => {
      const workspace = await deps.config.getWorkspace(workspaceId);
      if (workspace?.crm_connection == null) return;
      const connection = await openConnection(deps.secrets, workspace.crm_connection);
      const refreshed = crmConnectionSchema.parse({
        ...connection,
        access_token: tokens.access_token,
        ...(connection.auth === 'oauth' && tokens.refresh_token ? { refresh_token: tokens.refresh_token } : {}),
        ...(connection.auth === 'oauth' && tokens.expires_at !== undefined ? { expires_at: tokens.expires_at } : {}),
        ...(connection.auth === 'oauth' && tokens.instance_url ? { instance_url: tokens.instance_url } : {}),
      });
      const sealed = await deps.secrets.seal(JSON.stringify(refreshed));
      await deps.config.saveWorkspace({ ...workspace, crm_connection: sealed });
      const cached = cache.get(workspaceId);
      if (cached?.fingerprint === fingerprintOf(workspace, workspace.crm_connection)) {
        cache.set(workspaceId, { ...cached, fingerprint: fingerprintOf(workspace, sealed) });
      }
      deps.logger.info({ workspace_id: workspaceId, provider: connection.provider }, 'saved refreshed CRM tokens');
    });
    tokenWrites.set(workspaceId, write.catch(() => undefined));
    return write;
  }

  async function build(workspace: Workspace): Promise<CrmAdapter> {
    const { connection, sandbox } = await connectionOf(deps, workspace);
    if (connection.provider !== workspace.settings.crm) {
      throw new SyncError(
        'crm.not_configured',
        `The settings choose ${workspace.settings.crm} but the connected CRM is ${connection.provider}. Connect ${workspace.settings.crm} or change the CRM setting at /admin/settings > CRM.`,
      );
    }
    const adapter = deps.build[connection.provider]({
      workspaceId: workspace.id,
      provider: connection.provider,
      connection,
      sandbox,
      settings: workspace.settings,
      onTokensRefreshed: (tokens) => (sandbox ? Promise.resolve() : persistTokens(workspace.id, tokens)),
    });
    // Only the sandbox gets properties without being asked: a real CRM's schema is its admin's (Create in CRM).
    if (sandbox && deps.sandbox !== null) await prepareSandbox({ sandboxUrl: deps.sandbox.url, workspace, adapter });
    return adapter;
  }

  return {
    crmFor(workspace) {
      const fingerprint = fingerprintOf(workspace, workspace.crm_connection);
      const cached = cache.get(workspace.id);
      if (cached?.fingerprint === fingerprint) return cached.adapter;
      const adapter = build(workspace);
      cache.set(workspace.id, { fingerprint, adapter });
      // A failed build is not cached: the next call tries again (the user may have fixed the connection).
      adapter.catch(() => {
        if (cache.get(workspace.id)?.adapter === adapter) cache.delete(workspace.id);
      });
      return adapter;
    },
    invalidate(workspaceId) {
      cache.delete(workspaceId);
    },
  };
}

async function connectionOf(deps: CrmFactoryDeps, workspace: Workspace): Promise<{ connection: CrmConnection; sandbox: boolean }> {
  if (workspace.crm_connection !== null) {
    return { connection: await openConnection(deps.secrets, workspace.crm_connection), sandbox: false };
  }
  if (deps.sandbox === null) {
    throw new SyncError('crm.not_configured', 'No CRM is connected. Connect HubSpot or Salesforce at /admin/settings > CRM.');
  }
  return { connection: sandboxConnection(workspace.settings.crm, deps.sandbox), sandbox: true };
}

/** The credentials the sandbox CRM accepts, in the shape of a real connection. */
export function sandboxConnection(provider: CrmProvider, sandbox: { url: string; token: string }): CrmConnection {
  if (provider === 'hubspot') {
    return crmConnectionSchema.parse({ provider, auth: 'private_app', access_token: sandbox.token, base_url: sandbox.url });
  }
  return crmConnectionSchema.parse({
    provider,
    auth: 'oauth',
    access_token: sandbox.token,
    refresh_token: `${sandbox.token}-refresh`,
    instance_url: sandbox.url,
    base_url: sandbox.url,
  });
}

async function openConnection(secrets: SecretSealer, sealed: string): Promise<CrmConnection> {
  let plain: string;
  try {
    plain = await secrets.open(sealed);
  } catch (error) {
    throw new SyncError(
      'crm.not_configured',
      'The stored CRM connection cannot be decrypted (was ENCRYPTION_KEY changed?). Reconnect the CRM at /admin/settings > CRM.',
      { cause: error },
    );
  }
  const parsed = crmConnectionSchema.safeParse(safeJson(plain));
  if (!parsed.success) {
    throw new SyncError('crm.not_configured', 'The stored CRM connection is incomplete. Reconnect the CRM at /admin/settings > CRM.');
  }
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
