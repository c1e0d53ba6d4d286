import type { SyncOperation, SyncPlan } from './operations';

/** A plan's operation, with where it sits (results come back in plan order). */
export interface OperationOwner {
  plan: SyncPlan;
  planIndex: number;
  opIndex: number;
  op: SyncOperation;
}

/** One write for a key, merged from every plan of the batch that asked for it. */
export interface MergedOperation {
  op: SyncOperation;
  owners: OperationOwner[];
}

/**
 * Same key across plans → one write: the first operation's action and target (an earlier event's create stays
 * a create), properties merged with later plans winning, associations and aliases united.
 */
export function mergeByKey(plans: SyncPlan[]): Map<string, MergedOperation> {
  const merged = new Map<string, MergedOperation>();
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
