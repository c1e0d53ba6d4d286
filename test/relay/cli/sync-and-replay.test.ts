import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MemoryCrmAdapter } from '@synaptiq/shared';
import type { CrmAdapter } from '@synaptiq/shared';
import { cli, dataDirWithWorkspace, eventLine, inspect } from './cli-harness';

/** A memory CRM that refuses the writes of lead_bad as a validation error (a dead letter). */
const crmRefusing = (leadId: string) =>
  new MemoryCrmAdapter({ rejectWrite: (_type, write) => (write.key.includes(leadId) ? { code: 'crm.validation', message: 'Email is invalid in the CRM', details: {} } : undefined) });

async function withQueuedEvents(...lines: string[]) {
  const workspace = await dataDirWithWorkspace();
  const file = join(workspace.dataDir, 'events.jsonl');
  await writeFile(file, lines.join('\n'));
  const imported = await cli(workspace.dataDir, ['import', 'acme', file]);
  assert.equal(imported.code, 0, imported.stdout + imported.stderr);
  return workspace;
}

const using = (crm: CrmAdapter) => ({ crmFor: async () => crm });

describe('CLI: status, sync-now, dead letters and replay', () => {
  it('syncs everything pending with a progress bar redrawn on a terminal, and exits 0', async () => {
    const { dataDir } = await withQueuedEvents(eventLine('evt_1', 'lead_1'), eventLine('evt_2', 'lead_2'));
    const crm = new MemoryCrmAdapter();
    const run = await cli(dataDir, ['sync-now', 'acme'], using(crm), { tty: true });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /2 pushed, 0 skipped, 0 failed, 0 still queued/);
    assert.match(run.stderr, /\rsync-now \[#{30}\] 2\/2 pushed 2, skipped 0, failed 0/);
    assert.equal(crm.records('contact').length, 2);
    assert.equal((await inspect(dataDir, (stores) => stores.events.countByStatus('acme'))).synced, 2);
  });

  it('exits 1 when an event failed, lists it as a dead letter, and replays it into the queue', async () => {
    const { dataDir } = await withQueuedEvents(eventLine('evt_ok', 'lead_ok'), eventLine('evt_bad', 'lead_bad'));
    const synced = await cli(dataDir, ['sync-now', 'acme', '--json'], using(crmRefusing('lead_bad')));
    assert.equal(synced.code, 1);
    assert.deepEqual(synced.json<{ pushed: number; failed: number }>(), { ...synced.json<object>(), pushed: 1, failed: 1 });

    const listed = await cli(dataDir, ['dead-letters', 'list', 'acme', '--json']);
    assert.deepEqual(
      listed.json<Array<{ id: string; last_error: { code: string } }>>().map((event) => [event.id, event.last_error.code]),
      [['evt_bad', 'crm.validation']],
    );
    assert.match((await cli(dataDir, ['dead-letters', 'list', 'acme'])).stdout, /evt_bad .*crm\.validation: Email is invalid in the CRM/);

    assert.equal((await cli(dataDir, ['replay', 'acme', 'evt_bad'])).code, 0);
    const event = await inspect(dataDir, (stores) => stores.events.get('acme', 'evt_bad'));
    assert.deepEqual([event?.status, event?.attempts], ['pending', 0]);
    const resynced = await cli(dataDir, ['sync-now', 'acme', '--json'], using(new MemoryCrmAdapter()));
    assert.equal(resynced.code, 0);
    assert.equal(resynced.json<{ pushed: number }>().pushed, 1);
  });

  it('replays every dead letter with --all', async () => {
    const { dataDir } = await withQueuedEvents(eventLine('evt_1', 'lead_bad'), eventLine('evt_2', 'lead_bad2'));
    await cli(dataDir, ['sync-now', 'acme'], using(crmRefusing('lead_bad')));
    const run = await cli(dataDir, ['replay', 'acme', '--all', '--json']);
    assert.equal(run.code, 0);
    assert.deepEqual(run.json<{ replayed: string[] }>().replayed.sort(), ['evt_1', 'evt_2']);
    assert.equal((await inspect(dataDir, (stores) => stores.events.countByStatus('acme'))).dead, 0);
  });

  it('refuses to replay an event that is not dead (exit 1) and a replay without a target (exit 2)', async () => {
    const { dataDir } = await withQueuedEvents(eventLine('evt_1', 'lead_1'));
    const pending = await cli(dataDir, ['replay', 'acme', 'evt_1']);
    assert.equal(pending.code, 1);
    assert.match(pending.stderr, /is pending; only dead or failed events can be replayed/);
    assert.equal((await cli(dataDir, ['replay', 'acme'])).code, 2);
    assert.equal((await cli(dataDir, ['replay', 'acme', 'evt_1', '--all'])).code, 2);
  });

  it('shows queue counts, the pause reason and the CRM of a workspace', async () => {
    const { dataDir } = await withQueuedEvents(eventLine('evt_1', 'lead_1'), eventLine('evt_2', 'lead_2'));
    await inspect(dataDir, async (stores) => {
      const workspace = await stores.config.getWorkspace('acme');
      if (!workspace) throw new Error('no workspace');
      const reason = { code: 'crm.auth_revoked', message: 'Reconnect HubSpot.', details: {} };
      await stores.config.saveWorkspace({ ...workspace, status: { ...workspace.status, paused: true, reason, since: '2026-11-24T15:00:00.000Z' } });
    });
    const run = await cli(dataDir, ['status', 'acme', '--json']);
    assert.equal(run.code, 0);
    const status = run.json<{ paused: boolean; reason: { code: string }; queue: { pending: number }; crm: { provider: string; sandbox: boolean } }>();
    assert.deepEqual([status.paused, status.reason.code, status.queue.pending, status.crm.provider, status.crm.sandbox], [true, 'crm.auth_revoked', 2, 'hubspot', true]);
    assert.match((await cli(dataDir, ['status'])).stdout, /PAUSED since 2026-11-24T15:00:00.000Z: crm\.auth_revoked Reconnect HubSpot\.[\s\S]*2 pending/);
  });

  it('sends Sync Now through a running relay, which owns the configuration, and wants the workspace\'s key for it', async () => {
    const { dataDir } = await withQueuedEvents(eventLine('evt_1', 'lead_1'));
    const run = await cli(dataDir, ['sync-now', 'acme'], { relayRunning: async () => true });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /A relay is running at .* Pass --api-key/);
  });
});
