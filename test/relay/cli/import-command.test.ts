import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, dataDirWithWorkspace, eventLine, inspect } from './cli-harness';

interface ImportSummary {
  lines: number;
  accepted: number;
  duplicate: number;
  invalid: number;
  bad_lines: Array<{ line: number; errors: Array<{ path: string; message: string }> }>;
}

/** Good lines 1, 3 and 6; line 2 is not JSON, line 4 is blank, line 5 has an unknown qualification status, line 7 repeats line 1. */
const backlog = [
  eventLine('evt_1', 'lead_1'),
  '{"id": "evt_2", ',
  eventLine('evt_3', 'lead_3'),
  '',
  eventLine('evt_5', 'lead_5', { qualification_status: 'maybe' }),
  eventLine('evt_6', 'lead_6'),
  eventLine('evt_1', 'lead_1'),
].join('\n');

async function writeBacklog(dataDir: string, text = backlog): Promise<string> {
  const file = join(dataDir, 'backlog.jsonl');
  await writeFile(file, text);
  return file;
}

describe('CLI: import a JSONL backlog', () => {
  it('stores the good lines through the ingest service and reports each bad one by line number and field path (exit 1)', async () => {
    const { dataDir } = await dataDirWithWorkspace();
    const run = await cli(dataDir, ['import', 'acme', await writeBacklog(dataDir), '--json']);
    assert.equal(run.code, 1, run.stderr);
    const summary = run.json<ImportSummary>();
    assert.deepEqual({ ...summary, bad_lines: undefined }, { lines: 7, accepted: 3, duplicate: 1, invalid: 2, bad_lines: undefined });
    assert.deepEqual(
      summary.bad_lines.map(({ line, errors }) => ({ line, paths: errors.map((error) => error.path) })),
      [
        { line: 2, paths: [''] },
        { line: 5, paths: ['data.lead.qualification_status'] },
      ],
    );
    assert.match(summary.bad_lines[0]?.errors[0]?.message ?? '', /not valid JSON/);
    const stored = await inspect(dataDir, async (stores) => ({
      pending: (await stores.events.countByStatus('acme')).pending,
      lead: (await stores.leads.get('acme', 'lead_3'))?.lead.email,
    }));
    assert.deepEqual(stored, { pending: 3, lead: 'lead_3@example.com' });
  });

  it('stores nothing twice when the same file is imported again', async () => {
    const { dataDir } = await dataDirWithWorkspace();
    const file = await writeBacklog(dataDir, [eventLine('evt_1', 'lead_1'), eventLine('evt_2', 'lead_2')].join('\n') + '\n');
    assert.equal((await cli(dataDir, ['import', 'acme', file])).code, 0);
    const again = await cli(dataDir, ['import', 'acme', file, '--json']);
    assert.equal(again.code, 0);
    assert.deepEqual(again.json<ImportSummary>(), { lines: 2, accepted: 0, duplicate: 2, invalid: 0, bad_lines: [] });
    assert.equal((await inspect(dataDir, (stores) => stores.events.countByStatus('acme'))).pending, 2);
  });

  it('prints the bad lines and plain progress lines when stderr is not a terminal', async () => {
    const { dataDir } = await dataDirWithWorkspace();
    const run = await cli(dataDir, ['import', 'acme', await writeBacklog(dataDir)]);
    assert.match(run.stdout, /3 accepted, 1 already stored, 2 invalid \(of 7 lines\)/);
    assert.match(run.stdout, /line 5: data\.lead\.qualification_status: /);
    assert.match(run.stderr, /^import: 7\/7 \(100%\) 3 accepted, 1 duplicate, 2 invalid$/m);
    assert.ok(!run.stderr.includes('\r'));
  });

  it('fails with the path when the file cannot be read', async () => {
    const { dataDir } = await dataDirWithWorkspace();
    const run = await cli(dataDir, ['import', 'acme', join(dataDir, 'missing.jsonl')]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Cannot read ".*missing\.jsonl"/);
  });
});
