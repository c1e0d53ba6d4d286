import { SyncError, workspaceIdSchema } from '@synaptiq/shared';
import { describeWorkspace } from '../../services/describe-workspace';
import { newWorkspace } from '../../services/new-workspace';
import type { CliContext } from '../cli-context';
import { formatTable, UsageError } from '../cli-io';

export const isoNow = (context: CliContext): string => new Date(context.clock.now()).toISOString();

/** workspace create <id> [--name <name>]: the credentials are printed once and stored hashed / encrypted. */
export async function workspaceCreate(context: CliContext, id: string, name: string | undefined): Promise<void> {
  const parsedId = workspaceIdSchema.safeParse(id);
  if (!parsedId.success) throw new UsageError(`"${id}" is not a workspace id: ${parsedId.error.issues[0]?.message ?? 'invalid'}.`);
  await context.assertRelayStopped();
  if (await context.stores.config.getWorkspace(id)) {
    throw new SyncError('conflict', `Workspace "${id}" already exists; "key create ${id}" makes it another API key.`, { details: { workspace_id: id } });
  }
  const made = newWorkspace({ id, name: name ?? id, at: isoNow(context) }, context.secrets);
  await context.stores.config.saveWorkspace(made.workspace);
  const webhookUrl = `${context.env.PUBLIC_URL?.replace(/\/+$/, '') ?? context.relayUrl}/v1/workspaces/${id}/webhooks/synaptiq`;
  context.print(
    { workspace: { id, name: made.workspace.name }, api_key: made.apiKey, webhook_secret: made.webhookSecret, webhook_url: webhookUrl },
    [
      `Created workspace "${id}" (${made.workspace.name}).`,
      `  Webhook URL:     ${webhookUrl}`,
      `  API key:         ${made.apiKey}`,
      `  Webhook secret:  ${made.webhookSecret}`,
      'Both are shown once: store them now (the relay keeps only a hash of the key and the secret encrypted).',
    ].join('\n'),
  );
}

/** workspace list */
export async function workspaceList(context: CliContext): Promise<void> {
  const workspaces = await context.stores.config.listWorkspaces();
  const rows = workspaces.map((workspace) => {
    const view = describeWorkspace(workspace, context.secrets);
    return {
      id: workspace.id,
      name: workspace.name,
      crm: view.crm.sandbox ? `${view.crm.provider} (sandbox)` : view.crm.provider,
      mode: workspace.settings.sync_mode.mode,
      paused: workspace.status.paused ? (workspace.status.reason?.code ?? 'yes') : 'no',
      keys: String(workspace.api_keys.length),
      created_at: workspace.created_at,
    };
  });
  context.print(rows, rows.length === 0 ? 'No workspaces yet: "workspace create <id>" makes one.' : formatTable(rows));
}
