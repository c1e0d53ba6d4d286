import { SyncError } from '@synaptiq/shared';
import type { Clock, CrmAdapter, CrmOwner, PullCursor, Stores, Workspace } from '@synaptiq/shared';
import type { EmitHookEvent } from '../hooks/emit';
import { applyChange } from './apply-change';
import type { ApplyOutcome, PullContext } from './apply-change';
import { CursorScan, readFrom } from './pull-cursor';

export type PulledObject = 'contact' | 'deal';

export interface PollDeps {
  stores: Pick<Stores, 'config' | 'links' | 'leads' | 'syncLog'>;
  crmFor: (workspace: Workspace) => Promise<CrmAdapter>;
  clock: Clock;
  /** Queues lead.crm_updated for subscribers (createHooks().emitHookEvent); without it no hook is sent. */
  emit?: EmitHookEvent | undefined;
  overlapMs: number;
}

export interface PollSummary {
  workspace_id: string;
  /** Changed records the CRM returned (including re-reads of the overlap window). */
  read: number;
  applied: number;
  /** Records seen before with the same modified time (the overlap re-reads). */
  already_seen: number;
  outcomes: Record<ApplyOutcome, number>;
}

/** Objects worth reading for the chosen fields: contacts for person fields and owner, deals for stage and owner. */
export function objectsToRead(pullFields: readonly string[]): PulledObject[] {
  const objects: PulledObject[] = [];
  if (pullFields.some((field) => field !== 'deal_stage')) objects.push('contact');
  if (pullFields.includes('deal_stage') || pullFields.includes('owner')) objects.push('deal');
  return objects;
}

/**
 * One two-way sync poll of a bidirectional workspace: reads the contacts and deals changed since its
 * cursors (minus the overlap), applies each change once, then saves the cursors. Never writes to the CRM.
 */
export async function pollWorkspace(deps: PollDeps, workspaceId: string): Promise<PollSummary> {
  const workspace = await deps.stores.config.getWorkspace(workspaceId);
  if (!workspace) throw new SyncError('not_found', `There is no workspace "${workspaceId}".`);
  const direction = workspace.settings.sync_direction;
  if (direction.direction !== 'bidirectional') {
    throw new SyncError('conflict', 'Two-way sync is off for this workspace: set settings.sync_direction.direction to "bidirectional".');
  }
  const crm = await deps.crmFor(workspace);
  const now = deps.clock.now();
  const context: PullContext = {
    workspace,
    provider: workspace.settings.crm,
    pullFields: direction.pull_fields,
    crm,
    stores: deps.stores,
    pipelines: once(() => crm.listPipelines()),
    ownerNames: once(async () => namesOf(await crm.listOwners())),
    emit: deps.emit,
    at: new Date(now).toISOString(),
  };
  const summary: PollSummary = { workspace_id: workspaceId, read: 0, applied: 0, already_seen: 0, outcomes: { applied: 0, unchanged: 0, unlinked: 0, older_than_lead: 0 } };
  const cursors: Partial<Record<PulledObject, PullCursor>> = { ...workspace.status.two_way?.cursors };

  for (const objectType of objectsToRead(direction.pull_fields)) {
    const previous = cursors[objectType];
    const since = readFrom(previous, now, deps.overlapMs);
    const scan = new CursorScan(previous, since);
    let page: string | null = null;
    do {
      const changes = await crm.listChanges(objectType, since, page);
      for (const record of changes.records) {
        summary.read += 1;
        if (!scan.firstSighting(record.id, record.updatedAt)) {
          summary.already_seen += 1;
          continue;
        }
        summary.outcomes[await applyChange(context, record)] += 1;
      }
      page = changes.nextCursor;
    } while (page !== null);
    cursors[objectType] = scan.next(deps.overlapMs);
  }
  summary.applied = summary.outcomes.applied;
  await saveCursors(deps, workspaceId, cursors, context.at);
  return summary;
}

/** Saves only the two-way status onto the latest workspace, so a pause or settings change made meanwhile stays. */
async function saveCursors(deps: PollDeps, workspaceId: string, cursors: Partial<Record<PulledObject, PullCursor>>, at: string): Promise<void> {
  const latest = await deps.stores.config.getWorkspace(workspaceId);
  if (!latest) return;
  await deps.stores.config.saveWorkspace({ ...latest, status: { ...latest.status, two_way: { last_poll_at: at, cursors } } });
}

const namesOf = (owners: CrmOwner[]): ReadonlyMap<string, string> => new Map(owners.map((owner) => [owner.id, owner.name]));

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () => (value ??= load());
}
