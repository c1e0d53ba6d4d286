import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { SyncError, synaptiqEventSchema, toSyncError } from '@synaptiq/shared';
import type { SynaptiqEvent } from '@synaptiq/shared';
import { formatZodIssues } from '@synaptiq/shared/schemas/issues';
import type { FieldIssue } from '@synaptiq/shared/schemas/issues';
import { StandardWebhook } from '@synaptiq/shared/webhooks/standard-webhook';
import { ingestEvent } from '../../services/ingest-event';
import type { CliContext } from '../cli-context';
import { exitCodes } from '../cli-io';
import type { ExitCode } from '../cli-io';
import { createProgress } from '../progress';

export interface BadLine {
  line: number;
  errors: FieldIssue[];
}

type CheckedLine = { ok: true; event: SynaptiqEvent } | { ok: false; errors: FieldIssue[] };

/** One JSONL line against the webhook event schema (events.md), with every bad field's path. */
export function checkEventLine(text: string): CheckedLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const parsed = synaptiqEventSchema.safeParse(json);
  return parsed.success ? { ok: true, event: parsed.data } : { ok: false, errors: formatZodIssues(parsed.error) };
}

async function countLines(file: string): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (const byte of chunk) if (byte === 0x0a) lines += 1;
    last = chunk.at(-1) ?? last;
  }
  return last === 0x0a ? lines : lines + 1;
}

const maxBadLinesShown = 50;

/**
 * import <workspace> <file.jsonl>: a backlog of Synaptiq events, one JSON event per line. Each line is checked
 * against the event schema, then enters through the webhook ingest service (signed with the workspace's own
 * secret, so it passes exactly the checks a webhook does): stored durably, deduplicated by event id (importing
 * a file twice stores nothing twice). Bad lines are reported with their number and field paths; exit code 1 then.
 */
export async function importEvents(context: CliContext, workspaceId: string, file: string): Promise<ExitCode> {
  const workspace = await context.requireWorkspace(workspaceId);
  await stat(file).catch(() => {
    throw new SyncError('not_found', `Cannot read "${file}": give the path of a JSONL file (one event per line).`);
  });
  const signer = new StandardWebhook(context.secrets.decrypt(workspace.webhook_secrets[0] as string), { clock: context.clock });
  const deps = { stores: context.stores, secrets: context.secrets, clock: context.clock, kick: () => undefined };
  const total = await countLines(file);
  const progress = createProgress(context.io, 'import');
  const counts = { lines: 0, accepted: 0, duplicate: 0, invalid: 0 };
  const bad: BadLine[] = [];

  for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    counts.lines += 1;
    if (text.trim() !== '') {
      const checked = checkEventLine(text);
      const errors = checked.ok ? await ingestLine(deps, signer, workspaceId, checked.event, text) : checked.errors;
      if (errors === 'accepted' || errors === 'duplicate') counts[errors] += 1;
      else bad.push({ line: counts.lines, errors });
    }
    counts.invalid = bad.length;
    progress.update(counts.lines, Math.max(total, counts.lines), `${counts.accepted} accepted, ${counts.duplicate} duplicate, ${counts.invalid} invalid`);
  }
  progress.finish();

  const badText = bad.slice(0, maxBadLinesShown).flatMap(({ line, errors }) => errors.map((error) => `  line ${line}: ${error.path || '(event)'}: ${error.message}`));
  const more = bad.length > maxBadLinesShown ? [`  … and ${bad.length - maxBadLinesShown} more bad lines (--json lists them all)`] : [];
  const text = [
    `Imported ${file} into "${workspaceId}": ${counts.accepted} accepted, ${counts.duplicate} already stored, ${counts.invalid} invalid (of ${counts.lines} lines).`,
    ...(bad.length > 0 ? ['Invalid lines (not imported; fix them and import the file again: stored lines are not stored twice):', ...badText, ...more] : []),
    ...(counts.accepted > 0 ? [`They sync like webhooks: at the running relay's next poll, or now with "sync-now ${workspaceId}".`] : []),
  ].join('\n');
  context.print({ ...counts, bad_lines: bad }, text);
  return bad.length > 0 ? exitCodes.failure : exitCodes.ok;
}

async function ingestLine(
  deps: Parameters<typeof ingestEvent>[0],
  signer: StandardWebhook,
  workspaceId: string,
  event: SynaptiqEvent,
  text: string,
): Promise<'accepted' | 'duplicate' | FieldIssue[]> {
  const rawBody = Buffer.from(text, 'utf8');
  try {
    const result = await ingestEvent(deps, { workspaceId, rawBody, headers: signer.headers(event.id, rawBody), assertJson: () => undefined });
    return result.status;
  } catch (error) {
    return [{ path: '', message: toSyncError(error).message }];
  }
}
