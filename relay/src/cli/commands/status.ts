import type { Workspace } from '@synaptiq/shared';
import { describeWorkspace } from '../../services/describe-workspace';
import type { CliContext } from '../cli-context';

async function statusOf(context: CliContext, workspace: Workspace) {
  const view = describeWorkspace(workspace, context.secrets);
  const [queue, oldestPendingAt] = await Promise.all([context.stores.events.countByStatus(workspace.id), context.stores.events.oldestPendingAt(workspace.id)]);
  return {
    workspace: view.workspace,
    crm: view.crm,
    sync_mode: workspace.settings.sync_mode.mode,
    paused: workspace.status.paused,
    reason: view.status.reason,
    paused_since: workspace.status.since,
    queue,
    oldest_pending_at: oldestPendingAt,
  };
}

type WorkspaceStatus = Awaited<ReturnType<typeof statusOf>>;

const describe = (status: WorkspaceStatus): string =>
  [
    `${status.workspace.id} (${status.workspace.name})`,
    `  CRM:    ${status.crm.provider}${status.crm.sandbox ? ' (sandbox CRM)' : ''}, mode ${status.sync_mode}`,
    `  Sync:   ${status.paused ? `PAUSED since ${status.paused_since ?? '?'}: ${status.reason?.code ?? ''} ${status.reason?.message ?? ''}` : 'running'}`,
    `  Queue:  ${status.queue.pending} pending, ${status.queue.processing} processing, ${status.queue.failed} retrying, ${status.queue.dead} dead; ` +
      `${status.queue.synced} synced, ${status.queue.skipped} skipped`,
    `  Oldest pending event received at ${status.oldest_pending_at ?? '(none pending)'}`,
  ].join('\n');

/** status [<workspace>]: queue counts, pause reason and CRM of one workspace or all. */
export async function status(context: CliContext, workspaceId: string | undefined): Promise<void> {
  const workspaces = workspaceId === undefined ? await context.stores.config.listWorkspaces() : [await context.requireWorkspace(workspaceId)];
  const statuses = await Promise.all(workspaces.map((workspace) => statusOf(context, workspace)));
  const running = await context.isRelayRunning();
  const header = `Relay at ${context.relayUrl}: ${running ? 'running' : 'not answering'}; data in ${context.dataDir}`;
  context.print(
    workspaceId === undefined ? { relay: { url: context.relayUrl, running }, workspaces: statuses } : statuses[0],
    [header, ...statuses.map(describe)].join('\n\n'),
  );
}
