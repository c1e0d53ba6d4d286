import { errorCodes, SyncError, toSyncError } from '@synaptiq/shared';
import type { CrmAdapter, Workspace } from '@synaptiq/shared';
import { createMissingProperties } from '../services/crm-catalog';
import type { Logger } from '../worker/types';

export interface SandboxPreparation {
  sandboxUrl: string;
  workspace: Workspace;
  adapter: CrmAdapter;
}

/**
 * The sandbox CRM starts with HubSpot's and Salesforce's standard fields only, so every workspace that syncs to
 * it (not just `default`: also those made by the CLI or the console) needs the custom properties its sync writes
 * (requiredCustomProperties) before its first batch, or it would pause on crm.invalid_property. Done once per
 * sandbox, workspace and CRM flavour (and Salesforce person object); a failure is not remembered, so the next adapter build tries again.
 */
export function prepareSandboxCrm(logger: Logger): (preparation: SandboxPreparation) => Promise<void> {
  const prepared = new Map<string, Promise<void>>();
  return async ({ sandboxUrl, workspace, adapter }) => {
    // The Salesforce person object decides where the contact fields go (Lead or Contact).
    const { crm, salesforce } = workspace.settings;
    const key = JSON.stringify([sandboxUrl, workspace.id, crm, crm === 'salesforce' ? salesforce.person_object : null]);
    let preparing = prepared.get(key);
    if (preparing === undefined) {
      preparing = createMissingProperties(adapter, workspace).then(({ created }) => {
        if (created.length > 0) logger.info({ workspace_id: workspace.id, created }, 'created the custom properties the sync needs in the sandbox CRM');
      });
      prepared.set(key, preparing);
      preparing.catch(() => prepared.delete(key));
    }
    try {
      await preparing;
    } catch (thrown) {
      throw asPreparationError(thrown);
    }
  };
}

/**
 * A transient failure (the sandbox not up yet) is retried like any batch; anything else pauses the workspace
 * with the fix, rather than dead-lettering events for a setup step.
 */
function asPreparationError(thrown: unknown): SyncError {
  const error = toSyncError(thrown);
  const disposition = errorCodes[error.code].disposition;
  if (disposition === 'retry' || disposition === 'pause') return error;
  return new SyncError(
    'crm.not_configured',
    `The custom properties the sync needs could not be created in the sandbox CRM (${error.message}). Click Create in CRM at /admin/settings > CRM > Field Mapping, then Sync Now.`,
    { cause: error },
  );
}
