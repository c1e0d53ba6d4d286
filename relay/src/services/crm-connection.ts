import { crmConnectionSchema } from '@synaptiq/shared';
import type { CrmConnection, Workspace } from '@synaptiq/shared';
import type { SecretBox } from '../crypto';

/** A workspace's CRM connection, decrypted; null when none is stored (the sandbox CRM is used). */
export function readConnection(workspace: Workspace, secrets: SecretBox): CrmConnection | null {
  if (workspace.crm_connection === null) return null;
  return crmConnectionSchema.parse(JSON.parse(secrets.decrypt(workspace.crm_connection)));
}

/** The encrypted form stored in the configuration. */
export const sealConnection = (connection: CrmConnection, secrets: SecretBox): string => secrets.encrypt(JSON.stringify(connection));
