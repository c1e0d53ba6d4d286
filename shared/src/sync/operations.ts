import type { SyncErrorJson } from '../errors';
import type { CrmObjectType, CrmProperties } from '../schemas/crm';

/**
 * One CRM write the planner asks for. Plans are plain data: the executor runs them through
 * a CrmAdapter, in order, batching the same object type across many plans.
 */
export interface SyncOperation {
  /**
   * Idempotency key, unique within a workspace: `lead:<leadId>:contact`, `company:<normalized>`,
   * `lead:<leadId>:deal`, `lead:<leadId>:note:<conversationId>`, `lead:<leadId>:meeting:<meetingId>`.
   * The executor links each key to the CRM id it produced; a key already linked is never created again.
   */
  key: string;
  objectType: CrmObjectType;
  /**
   * create: a new record (the executor upserts by key so a retry cannot duplicate it);
   * update: `recordId` is known; link: nothing to write, just remember `recordId` for this key;
   * upsert: create or update by `matchBy` (contact email).
   */
  action: 'create' | 'update' | 'upsert' | 'link';
  recordId?: string;
  matchBy?: { field: 'email'; value: string };
  properties: CrmProperties;
  /** Keys of other operations (or earlier links) whose records this one is associated with. */
  associateWith: string[];
  /** Why this operation exists, for the sync log ("lead qualified", "meeting rescheduled"). */
  reason: string;
  /** The dedup outcome behind a contact write, when there was one. */
  review?: boolean;
  /** Further keys to link to the same record (a company first keyed by name, later also known by its domain). */
  alsoLinkAs?: string[];
}

/** What the planner decided not to write, with the reason (sync log status "skipped"). */
export interface SkippedOperation {
  key: string;
  objectType: CrmObjectType;
  reason: string;
  /** Set when the skip is a problem the user can fix (missing lead fields, a pipeline not found). */
  error?: SyncErrorJson;
}

export interface SyncPlan {
  eventId: string;
  leadId: string;
  operations: SyncOperation[];
  skipped: SkippedOperation[];
}

export const keys = {
  contact: (leadId: string) => `lead:${leadId}:contact`,
  deal: (leadId: string) => `lead:${leadId}:deal`,
  note: (leadId: string, conversationId: string) => `lead:${leadId}:note:${conversationId}`,
  meeting: (leadId: string, meetingId: string) => `lead:${leadId}:meeting:${meetingId}`,
  company: (normalizedCompany: string) => `company:${normalizedCompany}`,
  /** Marks a contact linked under the skip strategy (an existing CRM record we must not write to). */
  contactLinkOnly: (leadId: string) => `lead:${leadId}:contact:link-only`,
} as const;
