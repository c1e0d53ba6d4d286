import type { StoredEvent } from '@synaptiq/shared';
import { eventSummary } from '../../routes/events';
import { replayEvent } from '../../services/replay-event';
import type { CliContext } from '../cli-context';
import { formatTable, UsageError } from '../cli-io';

async function allDeadLetters(context: CliContext, workspaceId: string, limit: number): Promise<StoredEvent[]> {
  const dead: StoredEvent[] = [];
  let cursor: string | null = null;
  do {
    const page = await context.stores.events.list(workspaceId, { status: 'dead' }, { limit: Math.min(100, limit - dead.length), cursor });
    dead.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null && dead.length < limit);
  return dead;
}

/** dead-letters list <workspace> [--limit n]: newest first, without payloads (lead PII). */
export async function deadLettersList(context: CliContext, workspaceId: string, limit: number): Promise<void> {
  await context.requireWorkspace(workspaceId);
  const summaries = (await allDeadLetters(context, workspaceId, limit)).map(eventSummary);
  const rows = summaries.map((event) => ({
    id: event.id,
    type: event.type,
    lead: event.lead_id,
    attempts: String(event.attempts),
    error: event.last_error ? `${event.last_error.code}: ${event.last_error.message}` : '',
    updated_at: event.updated_at,
  }));
  context.print(summaries, rows.length === 0 ? `Workspace "${workspaceId}" has no dead letters.` : formatTable(rows));
}

/**
 * replay <workspace> (--all | <event-id>): back to the queue with a fresh attempt count, through the same
 * service as POST /v1/events/:id/replay. A running relay picks them up at its next poll; else "sync-now".
 */
export async function replay(context: CliContext, workspaceId: string, eventId: string | undefined, all: boolean): Promise<void> {
  if (all === (eventId !== undefined)) throw new UsageError('replay takes either --all or one event id.');
  await context.requireWorkspace(workspaceId);
  const ids = eventId !== undefined ? [eventId] : (await allDeadLetters(context, workspaceId, Number.MAX_SAFE_INTEGER)).map((event) => event.event_id);
  const deps = { stores: context.stores, clock: context.clock, kick: () => undefined };
  for (const id of ids) await replayEvent(deps, workspaceId, id);
  const next = (await context.isRelayRunning()) ? 'the running relay sends them at its next poll' : `run "sync-now ${workspaceId}" or start the relay to send them`;
  context.print({ replayed: ids }, ids.length === 0 ? `Workspace "${workspaceId}" has no dead letters to replay.` : `Replayed ${ids.length} event(s): ${next}.`);
}
