import { SyncError, workspaceSettingsSchema } from '@synaptiq/shared';
import type { Stores, Workspace, WorkspaceSettings } from '@synaptiq/shared';
import { formatZodIssues } from '@synaptiq/shared/schemas/issues';
import type { CrmFor } from '../worker/types';
import { checkMapping } from './check-mapping';
import { createMissingProperties } from './crm-catalog';
import { checkDealStages } from './check-deal-stages';

export interface UpdateSettingsDeps {
  stores: Pick<Stores, 'config'>;
  crmFor: CrmFor;
  /** Clears a pause the new settings may have fixed (the worker pauses again if they did not). */
  resume(workspaceId: string): Promise<void>;
}

type PlainObject = Record<string, unknown>;
const isPlainObject = (value: unknown): value is PlainObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** PATCH semantics: objects merge key by key, anything else (arrays, scalars, null) replaces. */
export function mergeSettings(current: unknown, patch: unknown): unknown {
  if (!isPlainObject(current) || !isPlainObject(patch)) return patch;
  const merged: PlainObject = { ...current };
  for (const [key, value] of Object.entries(patch)) merged[key] = mergeSettings(current[key], value);
  return merged;
}

/**
 * Replaces the workspace's settings after two checks: the schema (422 request.invalid with every bad field),
 * then the field mapping against the CRM's live properties (422 crm.invalid_property listing each bad
 * mapping and the custom properties POST /v1/crm/properties would create).
 */
export async function updateSettings(
  deps: UpdateSettingsDeps,
  workspace: Workspace,
  candidate: unknown,
  options: { createMissingProperties?: boolean } = {},
): Promise<WorkspaceSettings> {
  const parsed = workspaceSettingsSchema.safeParse(candidate);
  if (!parsed.success) {
    const errors = formatZodIssues(parsed.error).map((issue) => ({ ...issue, path: `body.${issue.path}` }));
    throw new SyncError('request.invalid', `The settings are invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, { details: { errors } });
  }
  const settings = parsed.data;
  const next: Workspace = { ...workspace, settings };
  const crm = await deps.crmFor(next);
  // "Create in CRM" in the same step: needed when switching CRM, whose custom properties cannot exist before.
  if (options.createMissingProperties) await createMissingProperties(crm, next);
  const validation = await checkMapping(crm, settings);
  const dealErrors = await checkDealStages(crm, settings);
  if (dealErrors.length > 0 && validation.errors.length === 0) {
    throw new SyncError('crm.invalid_property', dealErrors.map((e) => e.message).join(' '), { details: { errors: dealErrors, missing_custom_properties: [] } });
  }
  if (validation.errors.length > 0) {
    const hint = validation.missingCustomProperties.length > 0 ? ' To create the missing custom properties with this change, send it again with ?create_missing_properties=true.' : '';
    throw new SyncError('crm.invalid_property', `The field mapping names CRM fields that cannot be written: ${validation.errors.map((e) => e.message).join(' ')}${hint}`, {
      details: {
        errors: [...validation.errors.map((e) => ({ object: e.object, synaptiq_field: e.synaptiqField, crm_field: e.crmField, message: e.message })), ...dealErrors],
        missing_custom_properties: validation.missingCustomProperties.map(({ objectType, name, label, type }) => ({ object: objectType, name, label, type })),
      },
    });
  }
  // Re-read so a pause or owner cursor written by the worker meanwhile is kept.
  const latest = (await deps.stores.config.getWorkspace(workspace.id)) ?? workspace;
  await deps.stores.config.saveWorkspace({ ...latest, settings });
  if (latest.status.paused) await deps.resume(workspace.id);
  return settings;
}
