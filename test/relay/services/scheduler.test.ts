import assert from 'node:assert/strict';
import type { WorkspaceSettingsInput } from '@synaptiq/shared';
import { dueTrigger, nextBatchAt } from '../../../relay/src/services/scheduler';
import { buildWorkspace } from '../worker/support/builders';

const now = Date.parse('2026-11-24T15:00:00Z');
const minutesAgo = (n: number) => new Date(now - n * 60_000).toISOString();
const batched: WorkspaceSettingsInput = { sync_mode: { mode: 'batched', interval_minutes: 15 } };

function workspaceWith(settings: WorkspaceSettingsInput, status: { paused?: boolean; last_batch_at?: string | null } = {}) {
  const workspace = buildWorkspace('acme', settings);
  return { ...workspace, status: { ...workspace.status, ...status } };
}

describe('scheduler', () => {
  const cases = [
    { name: 'real-time polls when it never ran', workspace: workspaceWith({}), lastRunAt: null, expected: 'poll' },
    { name: 'real-time polls once the poll interval passed', workspace: workspaceWith({}), lastRunAt: now - 5_000, expected: 'poll' },
    { name: 'real-time waits within the poll interval', workspace: workspaceWith({}), lastRunAt: now - 4_999, expected: null },
    { name: 'batched runs at once when no batch ever ran', workspace: workspaceWith(batched), lastRunAt: null, expected: 'schedule' },
    { name: 'batched runs when the interval has passed', workspace: workspaceWith(batched, { last_batch_at: minutesAgo(15) }), lastRunAt: now, expected: 'schedule' },
    { name: 'batched waits within the interval', workspace: workspaceWith(batched, { last_batch_at: minutesAgo(14) }), lastRunAt: null, expected: null },
    { name: 'manual never runs on its own', workspace: workspaceWith({ sync_mode: { mode: 'manual' } }), lastRunAt: null, expected: null },
    { name: 'a paused workspace never runs on its own', workspace: workspaceWith({}, { paused: true }), lastRunAt: null, expected: null },
  ] as const;
  for (const { name, workspace, lastRunAt, expected } of cases) {
    it(name, () => {
      assert.equal(dueTrigger(workspace, lastRunAt, now, 5_000), expected);
    });
  }

  it('puts the next batch one interval after the last', () => {
    assert.equal(nextBatchAt(workspaceWith({ sync_mode: { mode: 'batched', interval_minutes: 60 } }, { last_batch_at: minutesAgo(10) })), now + 50 * 60_000);
  });

  it('has no next batch outside batched mode', () => {
    assert.equal(nextBatchAt(workspaceWith({})), null);
  });
});
