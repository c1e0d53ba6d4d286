import type { CrmLink } from '../ports/stores';
import type { CrmOwner, Pipeline } from '../schemas/crm';
import type { Lead, SynaptiqEvent } from '../schemas/events';
import type { WorkspaceSettings } from '../schemas/settings';
import type { DedupDecision } from '../dedupe/types';
import type { ProviderProfile } from '../mapping/provider-profile';
import type { EffectiveMapping } from '../mapping/default-mappings';
import type { SkippedOperation, SyncOperation } from './operations';

/** What the CRM looks like, fetched by the caller (the planner does no I/O). */
export interface CrmContext {
  pipelines: Pipeline[];
  owners: CrmOwner[];
  /** Round-robin position (the workspace's owner_cursor). */
  ownerCursor: number;
}

export interface PlanSyncInput {
  event: SynaptiqEvent;
  settings: WorkspaceSettings;
  /** Links already recorded for this lead's keys (contact, company, deal, note, meeting). */
  links: ReadonlyMap<string, CrmLink>;
  /**
   * Keys that earlier plans of the same batch write (not linked yet). They count as existing: this plan updates
   * them, and executePlans merges both writes of the key into one (the earlier create, the later properties).
   */
  pendingKeys?: ReadonlySet<string> | undefined;
  /** The dedup decision for the contact; null when it was not looked up (contact already linked, no email). */
  decision: DedupDecision | null;
  crm: CrmContext;
  /** ISO time of planning (Salesforce CloseDate is counted from it). */
  now: string;
}

/** The state the step planners share while one plan is built. */
export interface PlanDraft {
  input: PlanSyncInput;
  lead: Lead;
  profile: ProviderProfile;
  mapping: EffectiveMapping;
  operations: SyncOperation[];
  skipped: SkippedOperation[];
  ownerCursor: number;
}

/**
 * The record a key already has: linked (with its CRM id), or written by an earlier plan of the batch (id not known
 * yet). Undefined when the key is new, the only case in which the planner creates.
 */
export function existingRecord(draft: PlanDraft, key: string): { crmId: string | undefined } | undefined {
  const link = draft.input.links.get(key);
  if (link) return { crmId: link.crm_id };
  return draft.input.pendingKeys?.has(key) ? { crmId: undefined } : undefined;
}

/** `recordId` for an update of an existing record (absent while an earlier plan of the batch creates it). */
export const recordIdOf = (existing: { crmId: string | undefined }): { recordId?: string } => (existing.crmId ? { recordId: existing.crmId } : {});

/** A key whose record exists or is written earlier in this plan: something to associate with. */
export const isAvailable = (draft: PlanDraft, key: string | undefined): key is string =>
  key !== undefined && (existingRecord(draft, key) !== undefined || draft.operations.some((op) => op.key === key));

export const associationsFor = (draft: PlanDraft, candidates: Array<string | undefined>): string[] =>
  candidates.filter((key): key is string => isAvailable(draft, key));
