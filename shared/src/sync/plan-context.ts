import type { CrmLink } from '../ports/stores';
import type { CrmOwner, Pipeline } from '../schemas/crm';
import type { Lead, SynaptiqEvent } from '../schemas/events';
import type { WorkspaceSettings } from '../schemas/settings';
import type { DedupDecision } from '../dedupe/types';
import type { ProviderProfile } from '../mapping/provider-profile';
import type { effectiveMapping } from '../mapping/default-mappings';
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
  mapping: ReturnType<typeof effectiveMapping>;
  operations: SyncOperation[];
  skipped: SkippedOperation[];
  ownerCursor: number;
}

/** A key whose record exists (linked earlier) or is written earlier in this plan: something to associate with. */
export const isAvailable = (draft: PlanDraft, key: string | undefined): key is string =>
  key !== undefined && (draft.input.links.has(key) || draft.operations.some((op) => op.key === key));

export const associationsFor = (draft: PlanDraft, candidates: Array<string | undefined>): string[] =>
  candidates.filter((key): key is string => isAvailable(draft, key));
