import type { CrmConnection, Workspace } from '@synaptiq/shared';
import type { SecretBox } from '../crypto';
import { readConnection } from './crm-connection';
import type { MeView } from '../routes/responses';

export const sandboxAccountName = 'Synaptiq sandbox CRM';

/** Pauses that mean the CRM connection itself is gone until the user reconnects. */
export const connectionLost: ReadonlySet<string> = new Set(['crm.auth_expired', 'crm.auth_revoked', 'crm.not_configured']);

function openConnection(workspace: Workspace, secrets: SecretBox): CrmConnection | null | 'unreadable' {
  try {
    return readConnection(workspace, secrets);
  } catch {
    // Sealed with another ENCRYPTION_KEY, or altered: the workspace must reconnect its CRM.
    return 'unreadable';
  }
}

/**
 * What GET /v1/me answers (Zapier's connection label and auth test): cheap, no CRM call. A workspace
 * without a stored connection syncs to the sandbox CRM; a stored one counts as connected unless it cannot be
 * opened, is for the other CRM than the settings choose, or the sync paused because the CRM refused it.
 */
export function describeWorkspace(workspace: Workspace, secrets: SecretBox): MeView {
  const connection = openConnection(workspace, secrets);
  const { paused, reason, since } = workspace.status;
  const usable = connection === null || (connection !== 'unreadable' && connection.provider === workspace.settings.crm);
  return {
    workspace: { id: workspace.id, name: workspace.name },
    crm: {
      provider: workspace.settings.crm,
      connected: usable && !(paused && reason !== null && connectionLost.has(reason.code)),
      account_name: connection === null ? sandboxAccountName : null,
      sandbox: connection === null,
    },
    sync_mode: workspace.settings.sync_mode,
    status: { paused, reason: reason && { code: reason.code, message: reason.message }, since },
  };
}
