import { defaultWorkspaceSettings } from '@synaptiq/shared';
import type { Clock, ConfigStore, CrmConnection, CrmProvider, Workspace, WorkspaceSettings } from '@synaptiq/shared';
import { hashApiKey } from '../crypto';
import type { SecretBox } from '../crypto';
import { readConnection, sealConnection } from './crm-connection';
import { apiKeyRecord, newWorkspace } from './new-workspace';

export const defaultWorkspaceId = 'default';

/**
 * The settings defaults name HubSpot's "Qualified Lead" stage; Salesforce's standard opportunity stages
 * call the same step "Qualification", so a Salesforce workspace starts there.
 */
const settingsFor = (provider: CrmProvider): Partial<WorkspaceSettings> => {
  const defaults = defaultWorkspaceSettings();
  return provider === 'hubspot' ? { crm: provider } : { crm: provider, deal_creation: { ...defaults.deal_creation, initial_stage: 'Qualification' } };
};

export interface DefaultWorkspaceInput {
  /** RELAY_API_KEY: when set, it is the workspace's key (replacing a generated one). */
  apiKey?: string | undefined;
  /** WEBHOOK_SECRET: when set, it is the workspace's webhook secret. */
  webhookSecret?: string | undefined;
  /** A real CRM named by the environment; null keeps the sandbox (or a connection stored earlier). */
  crm: CrmConnection | null;
  /** CRM_PROVIDER: which CRM API the workspace speaks (to the sandbox when no real CRM is connected). */
  provider?: CrmProvider | undefined;
}

export interface DefaultWorkspaceResult {
  workspace: Workspace;
  created: boolean;
  /** The plain credentials generated just now (print them once); null when given or stored before. */
  generated: { apiKey: string | null; webhookSecret: string | null };
  /** What changed in an existing workspace because the environment says otherwise. */
  changes: string[];
}

/**
 * Creates workspace `default` on first start (credentials from the environment or generated), and on later
 * starts applies what the environment changed: a new RELAY_API_KEY or WEBHOOK_SECRET replaces the old one,
 * CRM variables connect that CRM. Credentials are stored hashed (API key) or encrypted (secret, tokens).
 */
export async function ensureDefaultWorkspace(deps: { config: ConfigStore; secrets: SecretBox; clock: Clock }, input: DefaultWorkspaceInput): Promise<DefaultWorkspaceResult> {
  const at = new Date(deps.clock.now()).toISOString();
  const existing = await deps.config.getWorkspace(defaultWorkspaceId);
  if (!existing) {
    const made = newWorkspace(
      { id: defaultWorkspaceId, name: 'Default workspace', at, apiKey: input.apiKey, webhookSecret: input.webhookSecret, settings: settingsFor(input.crm?.provider ?? input.provider ?? 'hubspot') },
      deps.secrets,
    );
    const workspace = { ...made.workspace, crm_connection: input.crm ? sealConnection(input.crm, deps.secrets) : null };
    await deps.config.saveWorkspace(workspace);
    return {
      workspace,
      created: true,
      generated: { apiKey: input.apiKey ? null : made.apiKey, webhookSecret: input.webhookSecret ? null : made.webhookSecret },
      changes: [],
    };
  }

  let workspace = existing;
  const changes: string[] = [];
  if (input.apiKey && !workspace.api_keys.some((record) => record.hash === hashApiKey(input.apiKey as string))) {
    workspace = { ...workspace, api_keys: [apiKeyRecord(input.apiKey, at, 'env')] };
    changes.push('RELAY_API_KEY replaced the API key');
  }
  // A secret still among the stored ones is left alone: it may be the old half of a rotation (`secret rotate`).
  const storedSecrets = workspace.webhook_secrets.map((sealed) => deps.secrets.decrypt(sealed));
  if (input.webhookSecret && !storedSecrets.includes(input.webhookSecret)) {
    workspace = { ...workspace, webhook_secrets: [deps.secrets.encrypt(input.webhookSecret)] };
    changes.push('WEBHOOK_SECRET replaced the webhook secret');
  }
  if (input.crm && JSON.stringify(readConnection(workspace, deps.secrets)) !== JSON.stringify(input.crm)) {
    workspace = { ...workspace, crm_connection: sealConnection(input.crm, deps.secrets) };
    changes.push(`the ${input.crm.provider} connection from the environment is now used`);
  }
  const provider = input.crm?.provider ?? input.provider;
  if (provider && provider !== workspace.settings.crm) {
    workspace = { ...workspace, settings: { ...workspace.settings, crm: provider } };
    changes.push(`CRM_PROVIDER switched the workspace to ${provider}`);
  }
  if (changes.length > 0) await deps.config.saveWorkspace(workspace);
  return { workspace, created: false, generated: { apiKey: null, webhookSecret: null }, changes };
}
