import { SyncError } from '@synaptiq/shared';
import { createMissingProperties } from '../../services/crm-catalog';
import { syncNow } from '../../services/sync-now';
import { createHooks } from '../../services/hooks/create-hooks';
import { drainDepsFor, workerOptionsSchema } from '../../worker';
import type { SyncNowResult } from '../../worker';
import type { CliContext } from '../cli-context';
import { exitCodes } from '../cli-io';
import type { ExitCode } from '../cli-io';
import { localCrm } from '../local-crm';
import { createProgress } from '../progress';

const summary = (workspaceId: string, result: Pick<SyncNowResult, 'pushed' | 'skipped' | 'failed' | 'remaining'>) =>
  `Sync Now of "${workspaceId}": ${result.pushed} pushed, ${result.skipped} skipped, ${result.failed} failed, ${result.remaining} still queued.`;

/**
 * sync-now <workspace>: everything pending goes to the CRM now. Run here (with a progress bar) when no relay
 * serves the data dir; through the running relay's POST /v1/sync otherwise, since it owns the configuration.
 * Exit code 1 when an event failed or the workspace paused.
 */
export async function syncNowCommand(context: CliContext, workspaceId: string, apiKey: string | undefined): Promise<ExitCode> {
  const workspace = await context.requireWorkspace(workspaceId);
  if (await context.isRelayRunning()) return syncThroughRelay(context, workspaceId, apiKey ?? context.env.RELAY_API_KEY);

  const counts = await context.stores.events.countByStatus(workspaceId);
  let total = counts.pending + counts.failed;
  const crm = await localCrm(context, workspace);
  let interrupted = false;
  const interrupt = () => {
    interrupted = true;
    context.io.stderr.write('\nStopping after the batch in flight…\n');
  };
  process.once('SIGINT', interrupt);
  const progress = createProgress(context.io, 'sync-now');
  try {
    const { stores, secrets, clock, logger } = context;
    // Settled batches queue lead.synced / sync.failed hooks; the relay's delivery worker sends them when it runs.
    const hooks = createHooks({ stores, secrets, crmFor: crm.crmFor, clock, logger });
    if (workspace.crm_connection === null && context.overrides.crmFor === undefined) {
      // As the relay does at start-up for its sandbox: the sandbox CRM has only standard fields until the sync's are made.
      await createMissingProperties(await crm.crmFor(workspace), workspace);
    }
    const deps = drainDepsFor({ stores, crmFor: crm.crmFor, clock, logger, onSettled: hooks.onSettled }, workerOptionsSchema.parse({}));
    progress.update(0, total, 'starting');
    const { drain, ...result } = await syncNow(deps, workspaceId, { shouldStop: () => interrupted, onClaimed: () => undefined }, (step) => {
      const done = step.pushed + step.skipped + step.failed;
      total = Math.max(total, done);
      progress.update(done, total, `pushed ${step.pushed}, skipped ${step.skipped}, failed ${step.failed}`);
    });
    progress.finish();
    const paused = drain.pausedBy && { code: drain.pausedBy.code, message: drain.pausedBy.message };
    const text = [summary(workspaceId, result), ...(paused ? [`The workspace paused: ${paused.code}: ${paused.message}`] : [])].join('\n');
    context.print({ ...result, paused }, text);
    return result.failed > 0 || paused ? exitCodes.failure : exitCodes.ok;
  } finally {
    process.removeListener('SIGINT', interrupt);
    await crm.close();
  }
}

async function syncThroughRelay(context: CliContext, workspaceId: string, apiKey: string | undefined): Promise<ExitCode> {
  if (apiKey === undefined) {
    throw new SyncError(
      'conflict',
      `A relay is running at ${context.relayUrl} and owns this data dir: Sync Now goes through it. Pass --api-key <key of "${workspaceId}"> (or set RELAY_API_KEY), or stop the relay.`,
    );
  }
  const call = async (method: string, path: string) => {
    const response = await fetch(`${context.relayUrl}${path}`, { method, headers: { authorization: `Bearer ${apiKey}` } });
    const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } } & Record<string, unknown>;
    if (!response.ok) throw new SyncError('conflict', `The relay answered ${response.status} to ${method} ${path}: ${body.error?.message ?? 'no details'}`);
    return body;
  };
  const me = (await call('GET', '/v1/me')) as { workspace?: { id?: string } };
  if (me.workspace?.id !== workspaceId) {
    throw new SyncError('auth.forbidden', `The API key belongs to workspace "${me.workspace?.id ?? '?'}", not "${workspaceId}".`);
  }
  context.io.stderr.write(`sync-now: running in the relay at ${context.relayUrl}…\n`);
  const result = (await call('POST', '/v1/sync')) as unknown as SyncNowResult;
  context.print(result, summary(workspaceId, result));
  return result.failed > 0 ? exitCodes.failure : exitCodes.ok;
}
