import { randomUUID } from 'node:crypto';
import { defaultWorkspaceSettings, workspaceSchema } from '@synaptiq/shared';
import type { ApiKeyRecord, Workspace, WorkspaceSettings } from '@synaptiq/shared';
import { displayPrefix, generateApiKey, generateWebhookSecret, hashApiKey } from '../crypto';
import type { SecretBox } from '../crypto';

export interface NewWorkspaceInput {
  id: string;
  name: string;
  at: string;
  /** Given credentials are used as they are; missing ones are generated. */
  apiKey?: string | undefined;
  webhookSecret?: string | undefined;
  settings?: Partial<WorkspaceSettings>;
}

export interface NewWorkspace {
  workspace: Workspace;
  /** The plain credentials: shown once to whoever created the workspace, never stored. */
  apiKey: string;
  webhookSecret: string;
}

export function apiKeyRecord(apiKey: string, at: string, label = 'default'): ApiKeyRecord {
  return { id: `key_${randomUUID()}`, prefix: displayPrefix(apiKey), hash: hashApiKey(apiKey), label, created_at: at, last_used_at: null };
}

/** A workspace with its credentials: the API key stored as a hash, the webhook secret encrypted. */
export function newWorkspace(input: NewWorkspaceInput, secrets: SecretBox): NewWorkspace {
  const apiKey = input.apiKey ?? generateApiKey();
  const webhookSecret = input.webhookSecret ?? generateWebhookSecret();
  const workspace = workspaceSchema.parse({
    id: input.id,
    name: input.name,
    created_at: input.at,
    settings: { ...defaultWorkspaceSettings(), ...input.settings },
    webhook_secrets: [secrets.encrypt(webhookSecret)],
    api_keys: [apiKeyRecord(apiKey, input.at)],
  });
  return { workspace, apiKey, webhookSecret };
}
