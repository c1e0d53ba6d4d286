import type { Workspace } from '@synaptiq/shared';
import type { SecretBox } from '../crypto';
import { readConnection } from './crm-connection';
import type { MeView } from '../routes/responses';

export const sandboxAccountName = 'Synaptiq sandbox CRM';

/**
 * What GET /v1/me answers (Zapier's connection label and auth test): cheap, no CRM call. A workspace
 * without a stored connection syncs to the sandbox CRM, which is always connected.
 */
export function describeWorkspace(workspace: Workspace, secrets: SecretBox): MeView {
  const connection = readConnection(workspace, secrets);
  const reason = workspace.status.reason;
  return {
    workspace: { id: workspace.id, name: workspace.name },
    crm: {
      provider: connection?.provider ?? workspace.settings.crm,
      connected: true,
      account_name: connection === null ? sandboxAccountName : null,
      sandbox: connection === null,
    },
    sync_mode: workspace.settings.sync_mode,
    status: { paused: workspace.status.paused, reason: reason && { code: reason.code, message: reason.message }, since: workspace.status.since },
  };
}
