import { candidateQueryFromLead } from '../dedupe/blocking';
import type { DedupDecision } from '../dedupe/types';
import type { CrmAdapter } from '../ports/crm-adapter';
import type { LinkStore } from '../ports/stores';
import type { CrmContact, CrmOwner, Pipeline } from '../schemas/crm';
import type { Lead, SynaptiqEvent } from '../schemas/events';
import type { WorkspaceSettings } from '../schemas/settings';
import { leadEmail } from '../mapping/lead-values';
import { executePlans, type OperationResult } from './execute-plans';
import { keys } from './operations';
import { keysForEvent, planSync, type PlannedSync } from './plan-sync';

/** The dedup decision function (shared/src/dedupe `decideDuplicate` fits). */
export type DecideDuplicate = (lead: Lead, candidates: readonly CrmContact[], options: { defaultRegion: string }) => DedupDecision;

export interface SyncBatchInput {
  workspaceId: string;
  /** The events to sync, oldest first (events of one lead keep their order). */
  events: SynaptiqEvent[];
  settings: WorkspaceSettings;
  crm: CrmAdapter;
  links: LinkStore;
  decide: DecideDuplicate;
  /** ISO time of the run. */
  now: string;
  /** The workspace's round-robin position (workspace.owner_cursor). */
  ownerCursor: number;
  /** Pipelines and owners if the caller has them cached; otherwise fetched when a deal may be written. */
  crmContext?: { pipelines: Pipeline[]; owners: CrmOwner[] } | undefined;
}

export interface SyncBatchResult {
  /** One entry per planned operation or skip, grouped by event in input order. */
  results: OperationResult[];
  plans: PlannedSync[];
  /** Dedup decisions by lead id, for leads whose contact was not linked yet (store them on the lead record). */
  decisions: Map<string, DedupDecision>;
  /** Save as the workspace's owner_cursor. */
  ownerCursor: number;
}

const dealEvents: ReadonlySet<string> = new Set(['lead.qualified', 'lead.disqualified', 'meeting.booked']);
const mayTouchDeal = (event: SynaptiqEvent) =>
  dealEvents.has(event.type) || ['qualified', 'won', 'lost', 'disqualified'].includes(event.data.lead.qualification_status ?? '');

/**
 * Syncs a batch of events in a few CRM calls: one link read, one email lookup for every unlinked lead, one
 * candidate lookup for those the email did not find, a decision per lead, a plan per event, then executePlans.
 * Whole-call CRM failures (rate limit, expired auth) are thrown as SyncError: the caller retries the batch,
 * which is safe because every write is keyed and linked as it succeeds.
 */
export async function syncBatch(input: SyncBatchInput): Promise<SyncBatchResult> {
  const { events, settings, crm, links, workspaceId } = input;
  const stored = await links.getMany(workspaceId, [...new Set(events.flatMap(keysForEvent))]);
  const decisions = await decideLeads(input, latestUnlinkedLeads(events, stored));

  const needsDeals = settings.deal_creation.enabled && events.some(mayTouchDeal);
  const context = input.crmContext ?? (needsDeals ? { pipelines: await crm.listPipelines(), owners: await crm.listOwners() } : { pipelines: [], owners: [] });

  // Later events of a lead see what earlier ones of the batch write: a deal opened and won in one batch is
  // one create at the won stage, not a create plus a refusal.
  let ownerCursor = input.ownerCursor;
  const pendingKeys = new Set<string>();
  const plans = events.map((event) => {
    const plan = planSync({
      event,
      settings,
      links: stored,
      pendingKeys,
      decision: decisions.get(event.data.lead.id) ?? null,
      crm: { ...context, ownerCursor },
      now: input.now,
    });
    ownerCursor = plan.ownerCursor;
    for (const op of plan.operations) for (const key of [op.key, ...(op.alsoLinkAs ?? [])]) pendingKeys.add(key);
    return plan;
  });
  const results = await executePlans(plans, { crm, links, workspaceId, now: input.now });
  return { results, plans, decisions, ownerCursor };
}

/** The newest snapshot of each lead whose contact is not linked yet and who has an email (only those are deduplicated). */
function latestUnlinkedLeads(events: SynaptiqEvent[], stored: ReadonlyMap<string, unknown>): Lead[] {
  const latest = new Map<string, Lead>();
  for (const { data } of events) {
    if (!stored.has(keys.contact(data.lead.id)) && leadEmail(data.lead)) latest.set(data.lead.id, data.lead);
  }
  return [...latest.values()];
}

async function decideLeads(input: SyncBatchInput, leads: Lead[]): Promise<Map<string, DedupDecision>> {
  const decisions = new Map<string, DedupDecision>();
  if (leads.length === 0) return decisions;
  const region = input.settings.default_phone_region;
  const queries = leads.map((lead) => ({ lead, query: candidateQueryFromLead(lead, region) }));

  const byEmail = new Map<string, CrmContact[]>();
  for (const contact of await input.crm.findContactsByEmail(queries.flatMap(({ query }) => (query.email ? [query.email] : [])))) {
    const email = contact.email?.trim().toLowerCase();
    if (email) byEmail.set(email, [...(byEmail.get(email) ?? []), contact]);
  }
  const unresolved = queries.filter(({ query }) => !query.email || !byEmail.has(query.email));
  const fuzzy = unresolved.length > 0 ? await input.crm.findContactCandidates(unresolved.map(({ query }) => query)) : new Map<string, CrmContact[]>();

  for (const { lead, query } of queries) {
    const candidates = (query.email && byEmail.get(query.email)) || fuzzy.get(query.ref) || [];
    decisions.set(lead.id, input.decide(lead, candidates, { defaultRegion: region }));
  }
  return decisions;
}
