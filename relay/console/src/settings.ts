import { workspaceSettingsSchema } from '@synaptiq/shared/schemas/settings';
import type { WorkspaceSettings } from '@synaptiq/shared/schemas/settings';
import { api, withQuery } from './api';

/** GET /v1/settings and PATCH /v1/settings (each page sends only its own part; the relay merges). */
export const loadSettings = () => api.get('/v1/settings', workspaceSettingsSchema);

export const patchSettings = (patch: Partial<WorkspaceSettings>, options: { createMissingProperties?: boolean } = {}) =>
  api.send('PATCH', withQuery('/v1/settings', { create_missing_properties: options.createMissingProperties ? 'true' : undefined }), patch, workspaceSettingsSchema);
