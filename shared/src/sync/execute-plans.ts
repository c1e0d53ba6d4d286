import type { SyncErrorJson } from '../errors';
import type { CrmAdapter } from '../ports/crm-adapter';
import type { CrmLink, LinkStore } from '../ports/stores';
import type { CrmObjectType, RecordWrite, WriteResult } from '../schemas/crm';
import type { SyncOperation, SyncPlan } from './operations';

/** The outcome of one planned operation (or skip), for the sync log and the caller's event status. */
export interface OperationResult {
  eventId: string;
  leadId: string;
  key: string;
  objectType: CrmObjectType;
  /** What happened: create / update (as the CRM reported it), link, or skip. */
  action: 'create' | 'update' | 'upsert' | 'link' | 'skip';
  status: 'success' | 'failed' | 'skipped';
  crmId: string | null;
  url: string | null;
  error: SyncErrorJson | null;
  /** Why the operation existed, or why it was skipped. */
  message: string;
  /** A contact created as a possible duplicate, tagged for review in the CRM (the relay's review queue). */
  review: boolean;
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

interface Owner {
  plan: SyncPlan;
  planIndex: number;
  opIndex: number;
  op: SyncOperation;
}

/** One write for a key, merged from every plan of the batch that asked for it. */
interface Merged {
  op: SyncOperation;
  owners: Owner[];
}

/** Same key across plans: one write, later properties win (plan order), associations and aliases united. */
function mergeByKey(plans: SyncPlan[]): Map<string, Merged> {
  const merged = new Map<string, Merged>();
  plans.forEach((plan, planIndex) =>
    plan.operations.forEach((op, opIndex) => {
      const owner = { plan, planIndex, opIndex, op };
      const earlier = merged.get(op.key);
      if (!earlier) {
        merged.set(op.key, { op: { ...op }, owners: [owner] });
        return;
      }
      const first = earlier.op;
      earlier.op = {
        ...first,
        recordId: first.recordId ?? op.recordId,
        matchBy: first.matchBy ?? op.matchBy,
        properties: { ...first.properties, ...op.properties },
        associateWith: [...new Set([...first.associateWith, ...op.associateWith])],
        alsoLinkAs: [...new Set([...(first.alsoLinkAs ?? []), ...(op.alsoLinkAs ?? [])])],
        review: Boolean(first.review || op.review),
      };
      earlier.owners.push(owner);
    }),
  );
  return merged;
}

interface Pending {
  entry: Merged;
  write: RecordWrite;
  /** The CRM id the key was linked to before this run, if any. */
  linkedId: string | undefined;
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

interface Resolved {
  objectType: CrmObjectType;
  crmId: string;
  url: string | null;
}

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
  const stored = await deps.links.getMany(deps.workspaceId, [...new Set(mentioned)]);
  const resolved = new Map<string, Resolved>(
    [...stored].map(([key, link]) => [key, { objectType: link.object_type, crmId: link.crm_id, url: link.url ?? null }]),
  );
  const failed = new Set<string>();
  const results: Array<OperationResult & { order: [number, number] }> = [];
  const report = (entry: Merged, outcome: Omit<OperationResult, 'eventId' | 'leadId' | 'key' | 'objectType' | 'message' | 'review'> & { message?: string }) => {
    for (const owner of entry.owners) {
      results.push({
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
  };

  for (const wave of waves) {
    const newLinks: CrmLink[] = [];
    const succeed = (entry: Merged, crmId: string, url: string | null, action: OperationResult['action']) => {
      const { op } = entry;
      for (const key of [op.key, ...(op.alsoLinkAs ?? [])]) {
        resolved.set(key, { objectType: op.objectType, crmId, url });
        newLinks.push({ key, object_type: op.objectType, crm_id: crmId, url });
      }
      report(entry, { action, status: 'success', crmId, url, error: null });
    };

    for (const objectType of wave) {
      const pending: Pending[] = [];
      for (const entry of [...merged.values()].filter(({ op }) => op.objectType === objectType)) {
        const { op } = entry;
        const failedContact = op.associateWith.find((key) => failed.has(key) && merged.get(key)?.op.objectType === 'contact');
        if (failedContact) {
          failed.add(op.key);
          report(entry, { action: 'skip', status: 'skipped', crmId: null, url: null, error: null, message: `not written: the contact (${failedContact}) failed` });
          continue;
        }
        const existing = stored.get(op.key);
        if (op.action === 'link' && op.recordId) {
          succeed(entry, op.recordId, deps.crm.recordUrl(objectType, op.recordId), 'link');
          continue;
        }
        // A key linked already (a crash half-way, a replay) is updated in place, never created again.
        const id = existing?.crm_id ?? op.recordId;
        const associations = op.associateWith
          .map((key) => resolved.get(key))
          .filter((target): target is Resolved => target !== undefined)
          .map((target) => ({ objectType: target.objectType, id: target.crmId }));
        pending.push({
          entry,
          linkedId: existing?.crm_id,
          write: {
            key: op.key,
            ...(id ? { id } : op.matchBy ? { matchBy: op.matchBy } : {}),
            properties: op.properties,
            ...(associations.length > 0 ? { associations } : {}),
          },
        });
      }
      if (pending.length === 0) continue;
      const written = await writeRecreatingGone(deps.crm, objectType, pending);
      pending.forEach(({ entry }, index) => {
        const result = written[index];
        if (result?.ok) {
          succeed(entry, result.id, result.url ?? deps.crm.recordUrl(objectType, result.id), result.created ? 'create' : 'update');
        } else {
          failed.add(entry.op.key);
          const error: SyncErrorJson = result?.error ?? { code: 'internal', message: 'The CRM returned no result for this record; it will be retried.', details: {} };
          report(entry, { action: entry.op.action, status: 'failed', crmId: null, url: null, error });
        }
      });
    }
    if (newLinks.length > 0) await deps.links.put(deps.workspaceId, newLinks);
  }

  plans.forEach((plan, planIndex) =>
    plan.skipped.forEach((skip, index) =>
      results.push({
        eventId: plan.eventId,
        leadId: plan.leadId,
        key: skip.key,
        objectType: skip.objectType,
        action: 'skip',
        status: 'skipped',
        crmId: null,
        url: null,
        error: skip.error ?? null,
        message: skip.reason,
        review: false,
        order: [planIndex, plan.operations.length + index],
      }),
    ),
  );
  return results.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1]).map(({ order: _order, ...result }) => result);
}
