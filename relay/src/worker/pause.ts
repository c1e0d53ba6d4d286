import { createHash } from 'node:crypto';
import type { ConfigStore, SyncErrorJson, Workspace } from '@synaptiq/shared';
import { whatToDo } from './sync-log-entries';

/** Reads the newest copy of a workspace, changes it and saves it, so settings saved meanwhile are kept. */
export async function updateWorkspace(
  config: ConfigStore,
  workspaceId: string,
  change: (workspace: Workspace) => Workspace,
): Promise<Workspace | undefined> {
  const current = await config.getWorkspace(workspaceId);
  if (current === undefined) return undefined;
  const next = change(current);
  await config.saveWorkspace(next);
  return next;
}

/**
 * Pauses a workspace's sync for an error only its user can fix. The reason says what to do; a daily quota
 * carries `resume_at`, when the worker tries again on its own. `ranWith` is the workspace the failing batch
 * read: its configuration is kept, so a change made since (even while the relay was down) resumes the sync.
 */
export function pausedStatus(workspace: Workspace, error: SyncErrorJson, now: number, quotaPauseMs: number, ranWith: Workspace = workspace): Workspace {
  const resumeAt =
    error.code === 'crm.daily_quota_exhausted' ? new Date(now + (error.retry_after_ms ?? quotaPauseMs)).toISOString() : undefined;
  return {
    ...workspace,
    status: {
      ...workspace.status,
      paused: true,
      since: new Date(now).toISOString(),
      paused_configuration: configurationFingerprint(ranWith),
      reason: {
        code: error.code,
        message: whatToDo(error),
        details: { ...error.details, crm_message: error.message, ...(resumeAt === undefined ? {} : { resume_at: resumeAt }) },
      },
    },
  };
}

export function resumedStatus(workspace: Workspace): Workspace {
  const { paused_configuration: _cleared, ...status } = workspace.status;
  return { ...workspace, status: { ...status, paused: false, reason: null, since: null } };
}

/** When a paused workspace may try again on its own (daily quota), or null when it waits for its user. */
export function automaticResumeAt(workspace: Workspace): number | null {
  const resumeAt = workspace.status.reason?.details['resume_at'];
  if (!workspace.status.paused || typeof resumeAt !== 'string') return null;
  const at = Date.parse(resumeAt);
  return Number.isNaN(at) ? null : at;
}

/**
 * What, when changed by the user, may have fixed the cause of a pause: the settings and the (sealed) CRM
 * connection. Hashed, so the status never holds a copy of the connection.
 */
export function configurationFingerprint(workspace: Workspace): string {
  return createHash('sha256').update(JSON.stringify([workspace.settings, workspace.crm_connection])).digest('hex');
}

/** Whether the settings or connection changed since the pause (null when the pause did not record them). */
export function configurationChangedSincePause(workspace: Workspace): boolean | null {
  const atPause = workspace.status.paused_configuration;
  if (!workspace.status.paused || atPause === undefined) return null;
  return atPause !== configurationFingerprint(workspace);
}
