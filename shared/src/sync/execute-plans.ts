import type { SyncErrorJson } from '../errors';
import type { CrmAdapter } from '../ports/crm-adapter';
import type { CrmLink, LinkStore } from '../ports/stores';
import type { CrmObjectType, RecordWrite, WriteResult, WriteWarning } from '../schemas/crm';
import { mergeByKey, type MergedOperation } from './merge-operations';
import type { SyncPlan } from './operations';

/** The outcome of one planned operation (or skip), for the sync log and the caller's event status. */
export interface OperationResult {
  eventId: string;
  leadId: string;
  key: string;
  objectType: CrmObjectType;
  /** What happened: create / update (as the CRM reported it), link, or skip; a failed write keeps its planned action. */
  action: 'create' | 'update' | 'upsert' | 'link' | 'skip';
  status: 'success' | 'failed' | 'skipped';
  crmId: string | null;
  url: string | null;
  error: SyncErrorJson | null;
  /** Why the operation existed, or why it was skipped. */
  message: string;
  /** A contact created as a possible duplicate, tagged for review in the CRM (the relay's review queue). */
  review: boolean;
  /** What the CRM adapter left out of a successful write (a value that fits none of an enumeration's options). */
  warnings?: WriteWarning[];
}

export interface ExecuteDeps {
  crm: CrmAdapter;
  links: LinkStore;
  workspaceId: string;
  /** ISO time of the run (kept for the log; the executor reads no clock). */
  now: string;
}

/** Dependency waves: each wave's records exist before the next associates with them. */
const waves: CrmObjectType[][] = [['company'], ['contact'], ['deal'], ['note', 'meeting']];

/**
 * Runs many plans together, so a burst of events becomes a few batch calls: operations with the same key are
 * merged, object types run in dependency waves (companies, contacts, deals, then notes and meetings), one
 * `upsertRecords` call per type per wave, and every success is linked before the next wave. A key already
 * linked is updated, never created again. A per-record failure fails the plans that own it; operations that
 * needed a failed contact are skipped. Whole-call SyncErrors (rate limit, auth) are thrown: links made so far
 * are kept, so running the same plans again continues without duplicates.
 */
export async function executePlans(plans: SyncPlan[], deps: ExecuteDeps): Promise<OperationResult[]> {
  const merged = mergeByKey(plans);
  const mentioned = [...merged.values()].flatMap(({ op }) => [op.key, ...op.associateWith, ...(op.alsoLinkAs ?? [])]);
  const run = new ExecutionRun(deps, merged, await deps.links.getMany(deps.workspaceId, [...new Set(mentioned)]));
  for (const wave of waves) {
    for (const objectType of wave) await run.write(objectType);
    await run.saveLinks();
  }
  return run.results(plans);
}

interface Resolved {
  objectType: CrmObjectType;
  crmId: string;
  url: string | null;
}

interface Pending {
  entry: MergedOperation;
  write: RecordWrite;
  /** The CRM id the key was linked to before this run, if any. */
  linkedId: string | undefined;
}

type Outcome = Pick<OperationResult, 'action' | 'status' | 'crmId' | 'url' | 'error' | 'warnings'> & { message?: string };

/** The state of one executePlans call: what is resolved to CRM ids, what failed, the results so far. */
class ExecutionRun {
  private readonly resolved: Map<string, Resolved>;
  private readonly failed = new Set<string>();
  private readonly reported: Array<OperationResult & { order: [number, number] }> = [];
  private newLinks: CrmLink[] = [];

  constructor(
    private readonly deps: ExecuteDeps,
    private readonly merged: Map<string, MergedOperation>,
    private readonly stored: Map<string, CrmLink>,
  ) {
    this.resolved = new Map([...stored].map(([key, link]) => [key, { objectType: link.object_type, crmId: link.crm_id, url: link.url ?? null }]));
  }

  /** Writes every operation of one object type in one upsertRecords call. */
  async write(objectType: CrmObjectType): Promise<void> {
    const pending = [...this.merged.values()].filter(({ op }) => op.objectType === objectType).flatMap((entry) => this.prepare(entry));
    if (pending.length === 0) return;
    const written = await writeRecreatingGone(this.deps.crm, objectType, pending);
    pending.forEach(({ entry }, index) => {
      const result = written[index];
      if (result?.ok) {
        this.succeed(entry, result.id, result.url ?? this.deps.crm.recordUrl(objectType, result.id), result.created ? 'create' : 'update', result.warnings);
      } else {
        this.failed.add(entry.op.key);
        const error = result?.error ?? { code: 'internal', message: 'The CRM returned no result for this record; it will be retried.', details: {} };
        this.report(entry, { action: entry.op.action, status: 'failed', crmId: null, url: null, error });
      }
    });
  }

  /** Links this wave's successes before the next wave runs (a crash after this point re-plans them as updates). */
  async saveLinks(): Promise<void> {
    if (this.newLinks.length > 0) await this.deps.links.put(this.deps.workspaceId, this.newLinks);
    this.newLinks = [];
  }

  /** The write for one operation, or nothing when it is settled without one (link) or cannot run (failed contact). */
  private prepare(entry: MergedOperation): Pending[] {
    const { op } = entry;
    const failedContact = op.associateWith.find((key) => this.failed.has(key) && this.merged.get(key)?.op.objectType === 'contact');
    if (failedContact) {
      this.failed.add(op.key);
      this.report(entry, { action: 'skip', status: 'skipped', crmId: null, url: null, error: null, message: `not written: the contact (${failedContact}) failed` });
      return [];
    }
    if (op.action === 'link' && op.recordId) {
      this.succeed(entry, op.recordId, this.deps.crm.recordUrl(op.objectType, op.recordId), 'link');
      return [];
    }
    // A key linked already (a crash half-way, a replay) is updated in place, never created again.
    const linkedId = this.stored.get(op.key)?.crm_id;
    const id = linkedId ?? op.recordId;
    const associations = op.associateWith
      .map((key) => this.resolved.get(key))
      .filter((target): target is Resolved => target !== undefined)
      .map((target) => ({ objectType: target.objectType, id: target.crmId }));
    const write: RecordWrite = {
      key: op.key,
      ...(id ? { id } : op.matchBy ? { matchBy: op.matchBy } : {}),
      properties: op.properties,
      ...(associations.length > 0 ? { associations } : {}),
    };
    return [{ entry, write, linkedId }];
  }

  private succeed(entry: MergedOperation, crmId: string, url: string | null, action: OperationResult['action'], warnings: WriteWarning[] = []): void {
    const { op } = entry;
    for (const key of [op.key, ...(op.alsoLinkAs ?? [])]) {
      this.resolved.set(key, { objectType: op.objectType, crmId, url });
      this.newLinks.push({ key, object_type: op.objectType, crm_id: crmId, url });
    }
    this.report(entry, { action, status: 'success', crmId, url, error: null, ...(warnings.length > 0 ? { warnings } : {}) });
  }

  private report(entry: MergedOperation, outcome: Outcome): void {
    for (const owner of entry.owners) {
      this.reported.push({
        eventId: owner.plan.eventId,
        leadId: owner.plan.leadId,
        key: entry.op.key,
        objectType: entry.op.objectType,
        message: owner.op.reason,
        review: Boolean(owner.op.review),
        ...outcome,
        order: [owner.planIndex, owner.opIndex],
      });
    }
  }

  /** Every result, the plans' own skips included, grouped by plan in plan order. */
  results(plans: SyncPlan[]): OperationResult[] {
    const skipped = plans.flatMap((plan, planIndex) =>
      plan.skipped.map((skip, index) => ({
        eventId: plan.eventId,
        leadId: plan.leadId,
        key: skip.key,
        objectType: skip.objectType,
        action: 'skip' as const,
        status: 'skipped' as const,
        crmId: null,
        url: null,
        error: skip.error ?? null,
        message: skip.reason,
        review: false,
        order: [planIndex, plan.operations.length + index] as [number, number],
      })),
    );
    return [...this.reported, ...skipped]
      .sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1])
      .map(({ order: _order, ...result }) => result);
  }
}

/**
 * One upsert call; then, if records we had linked were deleted in the CRM meanwhile (crm.not_found), one more
 * call creating them again by key, so replaying an event restores them as the sync log's fix promises.
 */
async function writeRecreatingGone(crm: CrmAdapter, objectType: CrmObjectType, pending: Pending[]): Promise<WriteResult[]> {
  const written = await crm.upsertRecords(objectType, pending.map(({ write }) => write));
  const gone = pending
    .map(({ write, linkedId }, index) => ({ write, index, result: written[index], linkedId }))
    .filter(({ write, result, linkedId }) => linkedId !== undefined && write.id === linkedId && result?.ok === false && result.error.code === 'crm.not_found');
  if (gone.length === 0) return written;
  const recreated = await crm.upsertRecords(objectType, gone.map(({ write: { id: _deleted, ...write } }) => write));
  gone.forEach(({ index }, i) => {
    const result = recreated[i];
    if (result) written[index] = result;
  });
  return written;
}
