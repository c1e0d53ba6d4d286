import { SyncError } from '@synaptiq/shared';
import type { Workspace } from '@synaptiq/shared';
import { generateApiKey, generateWebhookSecret } from '../../crypto';
import { apiKeyRecord } from '../../services/new-workspace';
import type { CliContext } from '../cli-context';
import { formatTable } from '../cli-io';
import { isoNow } from './workspace';

async function changeWorkspace(context: CliContext, id: string, change: (workspace: Workspace) => Workspace): Promise<Workspace> {
  await context.assertRelayStopped();
  const changed = change(await context.requireWorkspace(id));
  await context.stores.config.saveWorkspace(changed);
  return changed;
}

/** key create <workspace> [--label]: a new API key next to the existing ones, printed once. */
export async function keyCreate(context: CliContext, workspaceId: string, label: string | undefined): Promise<void> {
  const apiKey = generateApiKey();
  const record = apiKeyRecord(apiKey, isoNow(context), label ?? 'cli');
  await changeWorkspace(context, workspaceId, (workspace) => ({ ...workspace, api_keys: [...workspace.api_keys, record] }));
  context.print(
    { id: record.id, prefix: record.prefix, label: record.label, api_key: apiKey },
    `API key ${record.id} (${record.label}) for workspace "${workspaceId}":\n  ${apiKey}\nShown once: store it now.`,
  );
}

/** key list <workspace>: ids, prefixes and labels (never the keys: only their hashes are stored). */
export async function keyList(context: CliContext, workspaceId: string): Promise<void> {
  const workspace = await context.requireWorkspace(workspaceId);
  const rows = workspace.api_keys.map((key) => ({ id: key.id, prefix: `${key.prefix}…`, label: key.label, created_at: key.created_at, last_used_at: key.last_used_at ?? '' }));
  context.print(rows, rows.length === 0 ? `Workspace "${workspaceId}" has no API key: "key create ${workspaceId}" makes one.` : formatTable(rows));
}

/** key revoke <workspace> <key id or prefix>: the key stops working at once (after the relay restarts, if it runs). */
export async function keyRevoke(context: CliContext, workspaceId: string, keyRef: string): Promise<void> {
  let revoked: Workspace['api_keys'][number] | undefined;
  await changeWorkspace(context, workspaceId, (workspace) => {
    const matches = workspace.api_keys.filter((key) => key.id === keyRef || key.prefix === keyRef.replace(/…$/, ''));
    if (matches.length !== 1) {
      throw new SyncError(
        matches.length === 0 ? 'not_found' : 'conflict',
        matches.length === 0 ? `Workspace "${workspaceId}" has no API key "${keyRef}"; "key list ${workspaceId}" shows its keys.` : `"${keyRef}" matches ${matches.length} keys; give the key id.`,
      );
    }
    revoked = matches[0];
    return { ...workspace, api_keys: workspace.api_keys.filter((key) => key !== revoked) };
  });
  context.print({ revoked: revoked?.id }, `Revoked API key ${revoked?.id} (${revoked?.prefix}…) of workspace "${workspaceId}".`);
}

/** secret rotate <workspace>: a new webhook secret verifies next to the old one until `secret retire`. */
export async function secretRotate(context: CliContext, workspaceId: string): Promise<void> {
  const secret = generateWebhookSecret();
  await changeWorkspace(context, workspaceId, (workspace) => {
    if (workspace.webhook_secrets.length > 1) {
      throw new SyncError('conflict', `Workspace "${workspaceId}" is already rotating its webhook secret: finish with "secret retire ${workspaceId}" first.`);
    }
    // The newest secret goes first: the relay treats the first as the current one (default workspace, WEBHOOK_SECRET).
    return { ...workspace, webhook_secrets: [context.secrets.encrypt(secret), ...workspace.webhook_secrets] };
  });
  context.print(
    { webhook_secret: secret, verifying: 2 },
    [
      `New webhook secret for workspace "${workspaceId}":`,
      `  ${secret}`,
      'Shown once. Both the old and the new secret verify now: put the new one in Synaptiq,',
      `then run "secret retire ${workspaceId}" so only the new one verifies.`,
    ].join('\n'),
  );
}

/** secret retire <workspace>: only the newest webhook secret verifies from now on. */
export async function secretRetire(context: CliContext, workspaceId: string): Promise<void> {
  await changeWorkspace(context, workspaceId, (workspace) => {
    if (workspace.webhook_secrets.length < 2) {
      throw new SyncError('conflict', `Workspace "${workspaceId}" has a single webhook secret: there is nothing to retire ("secret rotate" starts a rotation).`);
    }
    return { ...workspace, webhook_secrets: workspace.webhook_secrets.slice(0, 1) };
  });
  context.print({ verifying: 1 }, `The old webhook secret of workspace "${workspaceId}" no longer verifies.`);
}
