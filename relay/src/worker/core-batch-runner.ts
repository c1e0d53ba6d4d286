import { decideDuplicate, syncBatch } from '@synaptiq/shared';
import type { CrmAdapter, CrmOwner, DecideDuplicate, OperationResult, Pipeline, SyncBatchResult } from '@synaptiq/shared';
import type { BatchRunner, OperationOutcome } from './types';

export interface CoreBatchRunnerOptions {
  decide?: DecideDuplicate;
  /** Pipelines and owners change rarely: read them at most this often per CRM, not on every batch. */
  crmContextTtlMs?: number;
}

interface CachedContext {
  at: number;
  context: { pipelines: Pipeline[]; owners: CrmOwner[] };
}

/** The worker's BatchRunner over the core's syncBatch (dedup lookups, planning, batched CRM writes). */
export function coreBatchRunner(options: CoreBatchRunnerOptions = {}): BatchRunner {
  const decide = options.decide ?? decideDuplicate;
  const ttl = options.crmContextTtlMs ?? 5 * 60_000;
  // Keyed by adapter: a new connection gets a new adapter from crmFor, and so fresh pipelines and owners.
  const contexts = new WeakMap<CrmAdapter, CachedContext>();

  /** Fetched when deals are on, whether or not this batch writes one: two calls per CRM every few minutes at most. */
  async function crmContext(crm: CrmAdapter, now: number, dealsEnabled: boolean): Promise<CachedContext['context'] | undefined> {
    if (!dealsEnabled) return undefined;
    const cached = contexts.get(crm);
    if (cached !== undefined && now - cached.at < ttl) return cached.context;
    const context = { pipelines: await crm.listPipelines(), owners: await crm.listOwners() };
    contexts.set(crm, { at: now, context });
    return context;
  }

  return async ({ workspace, crm, links, events, now }) => {
    const result = await syncBatch({
      workspaceId: workspace.id,
      events: events.map((event) => event.payload),
      settings: workspace.settings,
      crm,
      links,
      decide,
      now: new Date(now).toISOString(),
      ownerCursor: workspace.owner_cursor,
      crmContext: await crmContext(crm, now, workspace.settings.deal_creation.enabled),
    });
    return { operations: outcomesOf(result), decisions: result.decisions, ownerCursor: result.ownerCursor };
  };
}

/** The core's results, with the review flag of the planned operation behind each. */
function outcomesOf(result: SyncBatchResult): OperationOutcome[] {
  const flagged = new Set(
    result.plans.flatMap((plan) => plan.operations.filter((op) => op.review).map((op) => reviewKey(plan.eventId, op.key))),
  );
  return result.results.map((operation: OperationResult) => ({
    eventId: operation.eventId,
    leadId: operation.leadId,
    key: operation.key,
    objectType: operation.objectType,
    action: operation.action,
    status: operation.status,
    crmId: operation.crmId,
    url: operation.url,
    error: operation.error,
    reason: operation.message,
    review: flagged.has(reviewKey(operation.eventId, operation.key)),
    ...(operation.warnings === undefined ? {} : { warnings: operation.warnings }),
  }));
}

const reviewKey = (eventId: string, key: string) => `${eventId}\n${key}`;
