import { toSyncError } from '@synaptiq/shared';
import type { DedupDecision, StoredEvent, SyncErrorJson, SyncLogEntry, Workspace } from '@synaptiq/shared';
import { nextAttemptAt } from '../delivery/retry-schedule';
import { errorFields } from '../logger';
import type { ProcessEventsDeps, SettledBatch } from '../services/process-events';
import { verdictForError, verdictForOperations } from './event-verdict';
import type { EventVerdict } from './event-verdict';
import { pausedStatus, updateWorkspace } from './pause';
import { entriesForOperations, entryForBatchFailure } from './sync-log-entries';
import type { BatchOutcome, EventResult, OperationOutcome } from './types';

/** A dead letter not recorded yet: it may only have failed because of another event of its batch. */
export interface HeldBack {
  event: StoredEvent;
  error: SyncErrorJson;
  entries: SyncLogEntry[];
  operations: OperationOutcome[];
}

export interface RecordedBatch {
  results: EventResult[];
  /** Set when the workspace was paused by this batch. */
  pausedBy: SyncErrorJson | null;
  heldBack: HeldBack[];
  /** Events that ended any other way than a dead letter (synced, skipped, retrying, paused). */
  survivors: number;
}

/**
 * Runs events as one batch through the CRM and records the outcome: event status (synced, skipped, retry later,
 * dead letter, or back to the queue on pause), one sync log entry per operation, each lead's dedup decision and
 * review state, and the workspace's pause or owner cursor. With `holdBackDeadLetters`, would-be dead letters are
 * returned unrecorded instead, for the caller to try apart from the rest.
 */
export async function recordBatch(
  deps: ProcessEventsDeps,
  workspace: Workspace,
  events: StoredEvent[],
  holdBackDeadLetters: boolean,
): Promise<RecordedBatch> {
  const now = deps.clock.now();
  const at = new Date(now).toISOString();
  const batch = await runBatchSafely(deps, workspace, events, now);

  const byEvent = groupByEvent(batch.ok ? batch.outcome.operations : []);
  const all = events.map((event) => {
    const verdict = batch.ok ? verdictForOperations(byEvent.get(event.event_id) ?? []) : verdictForError(batch.error);
    const entries = batch.ok ? entriesForOperations(event, byEvent.get(event.event_id) ?? [], at, deps.newId) : [entryForBatchFailure(event, batch.error, at, deps.newId)];
    return { event, verdict, entries, operations: byEvent.get(event.event_id) ?? [] };
  });
  const heldBack: HeldBack[] = [];
  const verdicts = all.filter((item) => {
    if (!holdBackDeadLetters || item.verdict.kind !== 'dead') return true;
    heldBack.push({ event: item.event, error: item.verdict.error, entries: item.entries, operations: item.operations });
    return false;
  });

  // The log goes first: if the process dies before the events are marked, they are re-run (idempotently) and logged again.
  const entries = verdicts.flatMap((item) => item.entries);
  if (entries.length > 0) await deps.stores.syncLog.append(entries);

  if (batch.ok) await recordLeadDecisions(deps, workspace.id, events, batch.outcome, at);
  const results = await settleEvents(deps, workspace.id, verdicts, now);

  const pause = verdicts.find(({ verdict }) => verdict.kind === 'pause')?.verdict;
  const pausedBy = pause?.kind === 'pause' ? pause.error : null;
  const ownerCursor = batch.ok ? batch.outcome.ownerCursor : workspace.owner_cursor;
  if (pausedBy !== null || ownerCursor !== workspace.owner_cursor) {
    await updateWorkspace(deps.stores.config, workspace.id, (current) => {
      const withCursor = { ...current, owner_cursor: ownerCursor };
      return pausedBy === null ? withCursor : pausedStatus(withCursor, pausedBy, now, deps.quotaPauseMs, workspace);
    });
  }
  if (pausedBy !== null) {
    deps.logger.warn({ workspace_id: workspace.id, code: pausedBy.code }, 'sync paused until the user fixes the cause');
  }
  await notifySettled(deps, {
    workspace,
    at,
    entries,
    events: verdicts.map(({ event, verdict, operations }, index) => ({
      event,
      result: results[index] ?? { event_id: event.event_id, lead_id: event.lead_id, status: 'pending' },
      operations,
      error: 'error' in verdict ? verdict.error : null,
    })),
  });
  return { results, pausedBy, heldBack, survivors: results.filter((result) => result.status !== 'dead').length };
}

/** Records held-back events as the dead letters they are. */
export async function recordDeadLetters(deps: ProcessEventsDeps, workspace: Workspace, held: HeldBack[]): Promise<EventResult[]> {
  if (held.length === 0) return [];
  const at = new Date(deps.clock.now()).toISOString();
  const entries = held.flatMap((item) => item.entries);
  if (entries.length > 0) await deps.stores.syncLog.append(entries);
  const results: EventResult[] = [];
  for (const { event, error } of held) {
    await deps.stores.events.fail(workspace.id, event.event_id, error, null, at);
    results.push({ event_id: event.event_id, lead_id: event.lead_id, status: 'dead' });
  }
  await notifySettled(deps, {
    workspace,
    at,
    entries,
    events: held.map(({ event, error, operations }, index) => ({ event, result: results[index] ?? { event_id: event.event_id, lead_id: event.lead_id, status: 'dead' }, operations, error })),
  });
  return results;
}

async function notifySettled(deps: ProcessEventsDeps, settled: SettledBatch): Promise<void> {
  if (deps.onSettled === undefined) return;
  try {
    await deps.onSettled(settled);
  } catch (error) {
    deps.logger.error({ workspace_id: settled.workspace.id, error: errorFields(error) }, 'a settled-batch listener failed; the batch itself is recorded');
  }
}

type BatchRun = { ok: true; outcome: BatchOutcome } | { ok: false; error: SyncErrorJson };

async function runBatchSafely(deps: ProcessEventsDeps, workspace: Workspace, events: StoredEvent[], now: number): Promise<BatchRun> {
  try {
    const crm = await deps.crmFor(workspace);
    return { ok: true, outcome: await deps.runBatch({ workspace, crm, links: deps.stores.links, events, now }) };
  } catch (thrown) {
    const error = toSyncError(thrown);
    // Never the cause: an SDK error's message is the CRM's whole answer, which quotes the leads' values back.
    deps.logger.error(
      { workspace_id: workspace.id, events: events.length, event_ids: events.slice(0, 10).map((event) => event.event_id), error: errorFields(error, leadValues(events)) },
      'sync batch failed',
    );
    return { ok: false, error: error.toJSON() };
  }
}

/** Every text value of the batch's leads (names, emails, phones, companies), to take out of what is logged. */
function leadValues(events: StoredEvent[]): string[] {
  const texts = (value: unknown): string[] => {
    if (typeof value === 'string') return [value];
    if (typeof value !== 'object' || value === null) return [];
    return Object.values(value).flatMap(texts);
  };
  return [...new Set(events.flatMap(({ payload }) => texts({ ...payload.data.lead, id: undefined })))];
}

function groupByEvent(operations: OperationOutcome[]): Map<string, OperationOutcome[]> {
  const byEvent = new Map<string, OperationOutcome[]>();
  for (const operation of operations) {
    const list = byEvent.get(operation.eventId) ?? [];
    list.push(operation);
    byEvent.set(operation.eventId, list);
  }
  return byEvent;
}

async function settleEvents(
  deps: ProcessEventsDeps,
  workspaceId: string,
  verdicts: Array<{ event: StoredEvent; verdict: EventVerdict }>,
  now: number,
): Promise<EventResult[]> {
  const at = new Date(now).toISOString();
  const idsOf = (kind: EventVerdict['kind']) => verdicts.filter(({ verdict }) => verdict.kind === kind).map(({ event }) => event.event_id);
  const synced = idsOf('synced');
  const skipped = idsOf('skipped');
  const paused = idsOf('pause');
  if (synced.length > 0) await deps.stores.events.complete(workspaceId, synced, 'synced', at);
  if (skipped.length > 0) await deps.stores.events.complete(workspaceId, skipped, 'skipped', at);
  // A pause is nobody's fault but the configuration's: no attempt is counted.
  if (paused.length > 0) await deps.stores.events.release(workspaceId, paused, at);

  const results: EventResult[] = [];
  for (const { event, verdict } of verdicts) {
    const base = { event_id: event.event_id, lead_id: event.lead_id };
    if (verdict.kind === 'retry' || verdict.kind === 'dead') {
      const next =
        verdict.kind === 'dead' ? null : nextAttemptAt(now, event.attempts, deps.retry, deps.random, verdict.error.retry_after_ms);
      await deps.stores.events.fail(workspaceId, event.event_id, verdict.error, next, at);
      results.push({ ...base, status: next === null ? 'dead' : 'failed' });
    } else {
      results.push({ ...base, status: verdict.kind === 'pause' ? 'pending' : verdict.kind });
    }
  }
  return results;
}

/** Keeps each lead's dedup decision and opens a review when a record was flagged for it. */
async function recordLeadDecisions(
  deps: ProcessEventsDeps,
  workspaceId: string,
  events: StoredEvent[],
  outcome: BatchOutcome,
  at: string,
): Promise<void> {
  const flagged = new Set(outcome.operations.filter((op) => op.review && op.status === 'success').map((op) => op.leadId));
  const leadIds = new Set([...outcome.decisions.keys(), ...flagged]);
  for (const leadId of leadIds) {
    const decision: DedupDecision | undefined = outcome.decisions.get(leadId);
    const existing = await deps.stores.leads.get(workspaceId, leadId);
    if (existing === undefined) {
      // Normally ingest keeps the lead; a lead missing here (older journal, another source) is taken from its latest event.
      const latest = events.filter((event) => event.lead_id === leadId).at(-1);
      if (latest === undefined) continue;
      await deps.stores.leads.upsert(workspaceId, latest.payload.data.lead, at);
    }
    const openReview = flagged.has(leadId) && (existing?.review ?? null) === null;
    await deps.stores.leads.update(
      workspaceId,
      leadId,
      {
        ...(decision === undefined ? {} : { dedup: decision }),
        ...(openReview ? { review: { state: 'open', resolved_at: null } } : {}),
      },
      at,
    );
  }
}
