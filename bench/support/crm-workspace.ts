import { randomBytes } from 'node:crypto';
import { crmConnectionSchema, requiredCustomProperties, workspaceSettingsSchema, type CrmProvider, type WorkspaceSettings, type WorkspaceSettingsInput } from '@synaptiq/shared';
import { createHubspotAdapter, HubspotPortalRegistry } from '@synaptiq/shared/adapters/hubspot/index';
import { createSalesforceAdapter } from '@synaptiq/shared/adapters/salesforce/index';
import type { RunningSandbox } from '@synaptiq/sandbox-crm';
import { createSecretBox } from '../../relay/src/crypto';
import { newWorkspace } from '../../relay/src/services/new-workspace';
import { openStores } from '../../relay/src/stores';
import type { RelayCredentials } from './relay-child';

/**
 * A relay data dir prepared with one workspace connected to a sandbox CRM that runs outside the relay
 * (in the harness), the way a real CRM outlives a relay crash. Uses the relay's own stores and crypto.
 */
export interface CrmWorkspace {
  workspaceId: string;
  /** ENCRYPTION_KEY for the relay (the connection is sealed with it). */
  encryptionKey: string;
  settings: WorkspaceSettings;
  /** The CRM access token sealed into the connection (for the secrets check). */
  accessToken: string;
}

export const settingsFor = (provider: CrmProvider, extra: WorkspaceSettingsInput = {}): WorkspaceSettings =>
  workspaceSettingsSchema.parse(
    provider === 'hubspot'
      ? { crm: 'hubspot', ...extra }
      : { crm: 'salesforce', deal_creation: { pipeline: 'Opportunity Stages', initial_stage: 'Qualification' }, ...extra },
  );

export async function prepareCrmWorkspace(options: {
  dataDir: string;
  sandbox: RunningSandbox;
  provider: CrmProvider;
  credentials: RelayCredentials;
  workspaceId?: string;
  settings?: WorkspaceSettingsInput;
  /** The adapter's pacing budget per 10 s (HubSpot Starter: 100). */
  ratePer10s?: number;
  accessToken?: string;
}): Promise<CrmWorkspace> {
  const encryptionKey = randomBytes(32).toString('hex');
  const box = createSecretBox(encryptionKey);
  const workspaceId = options.workspaceId ?? 'bench';
  const settings = settingsFor(options.provider, options.settings);
  const token = options.accessToken ?? `bench-${randomBytes(8).toString('hex')}`;
  const connection = crmConnectionSchema.parse(
    options.provider === 'hubspot'
      ? { provider: 'hubspot', auth: 'private_app', access_token: token, base_url: options.sandbox.url, rate_limit_per_10s: options.ratePer10s ?? 100 }
      : { provider: 'salesforce', auth: 'oauth', access_token: token, refresh_token: `${token}-refresh`, instance_url: options.sandbox.url, base_url: options.sandbox.url, rate_limit_per_10s: options.ratePer10s ?? 110 },
  );

  // "Create in CRM": the custom properties the sync writes, made once in the sandbox before the run.
  const adapter =
    connection.provider === 'hubspot'
      ? createHubspotAdapter({ connection, registry: new HubspotPortalRegistry() })
      : createSalesforceAdapter({ connection, instanceUrl: options.sandbox.url, personObject: settings.salesforce.person_object });
  for (const { objectType, ...definition } of requiredCustomProperties(options.provider, settings)) await adapter.createProperty(objectType, definition);

  const stores = await openStores({ dataDir: options.dataDir });
  try {
    const made = newWorkspace(
      { id: workspaceId, name: 'Benchmark', at: new Date().toISOString(), apiKey: options.credentials.apiKey, webhookSecret: options.credentials.webhookSecret, settings },
      box,
    );
    await stores.config.saveWorkspace({ ...made.workspace, crm_connection: box.encrypt(JSON.stringify(connection)) });
  } finally {
    await stores.close();
  }
  return { workspaceId, encryptionKey, settings, accessToken: token };
}
