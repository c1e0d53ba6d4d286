import type { SyncErrorJson } from '../errors';
import type { SynaptiqEvent, Lead } from '../schemas/events';
import type { CrmObjectType } from '../schemas/crm';
import type { Subscription, Workspace } from '../schemas/workspace';
import type { DedupDecision } from '../dedupe/types';

/**
 * Storage ports. The embedded implementations (lowdb for configuration, node:sqlite for the
 * rest) live in relay/src/stores; a PostgreSQL implementation will follow. Every method is async
 * and scoped by workspace id, so nothing of one workspace is reachable from another.
 */

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page, null at the end. */
  next_cursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string | null | undefined;
}

/** Workspaces and subscriptions: small, human-readable configuration. */
export interface ConfigStore {
  listWorkspaces(): Promise<Workspace[]>;
  getWorkspace(id: string): Promise<Workspace | undefined>;
  findWorkspaceByApiKeyHash(hash: string): Promise<Workspace | undefined>;
  /** Inserts or replaces the whole workspace, atomically. */
  saveWorkspace(workspace: Workspace): Promise<void>;
  listSubscriptions(workspaceId: string): Promise<Subscription[]>;
  saveSubscription(subscription: Subscription): Promise<void>;
  deleteSubscription(workspaceId: string, id: string): Promise<boolean>;
}

export const eventStatuses = ['pending', 'processing', 'synced', 'skipped', 'failed', 'dead'] as const;
export type EventStatus = (typeof eventStatuses)[number];

export interface StoredEvent {
  workspace_id: string;
  event_id: string;
  type: SynaptiqEvent['type'];
  lead_id: string;
  payload: SynaptiqEvent;
  received_at: string;
  /** pending → processing → synced | skipped; failed (will retry at next_attempt_at) → dead (dead letter). */
  status: EventStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_error: SyncErrorJson | null;
  updated_at: string;
}

export interface EventFilter {
  status?: EventStatus | undefined;
  lead_id?: string | undefined;
  /** Only events of this type (GET /v1/meetings lists the meeting.booked ones). */
  type?: SynaptiqEvent['type'] | undefined;
}

/** The event journal and work queue: every acknowledged event is here until pruned after it ends. */
export interface EventStore {
  /** Stores the event durably (fsynced) before returning; `inserted: false` when the id was seen before. */
  append(workspaceId: string, event: SynaptiqEvent, receivedAt: string): Promise<{ inserted: boolean }>;
  /**
   * Optional: append, then (only when inserted) the LeadStore.upsert of the event's lead snapshot, as one
   * durable write. Ingest falls back to the two calls when a store lacks it (SQLite has it: one group commit).
   */
  appendWithLead?(workspaceId: string, event: SynaptiqEvent, receivedAt: string): Promise<{ inserted: boolean }>;
  /**
   * Claims up to `limit` due events (pending, or failed with next_attempt_at ≤ now) of the given workspaces,
   * oldest first, never two of one lead at once nor one whose lead has an earlier unfinished event;
   * claimed events turn `processing` until `leaseUntil`, after which another worker may claim them.
   */
  claim(options: { workspaceIds: string[]; now: string; limit: number; leaseUntil: string }): Promise<StoredEvent[]>;
  /** Ends events successfully. */
  complete(workspaceId: string, eventIds: string[], status: 'synced' | 'skipped', now: string): Promise<void>;
  /** Records a failure: retried at `nextAttemptAt`, or dead-lettered when it is null. */
  fail(workspaceId: string, eventId: string, error: SyncErrorJson, nextAttemptAt: string | null, now: string): Promise<void>;
  /** Puts events back to pending without counting an attempt (pause, shutdown, replay of dead letters). */
  release(workspaceId: string, eventIds: string[], now: string): Promise<void>;
  get(workspaceId: string, eventId: string): Promise<StoredEvent | undefined>;
  list(workspaceId: string, filter: EventFilter, page: PageRequest): Promise<Page<StoredEvent>>;
  countByStatus(workspaceId: string): Promise<Record<EventStatus, number>>;
  /** Age in ms of the oldest pending event, per workspace (queue age metric). */
  oldestPendingAt(workspaceId: string): Promise<string | null>;
  /** Deletes ended events (synced, skipped) received before `before`; returns how many. */
  prune(before: string): Promise<number>;
}

export interface CrmLink {
  key: string;
  object_type: CrmObjectType;
  crm_id: string;
  url?: string | null | undefined;
}

/** Idempotency keys (see sync/operations.ts) → the CRM records they produced. */
export interface LinkStore {
  getMany(workspaceId: string, keys: string[]): Promise<Map<string, CrmLink>>;
  /** Links whose key starts with `lead:<leadId>:`. */
  forLead(workspaceId: string, leadId: string): Promise<CrmLink[]>;
  /** Records links, overwriting a key's earlier link. */
  put(workspaceId: string, links: CrmLink[]): Promise<void>;
  /** All links of a type (two-way sync polls these records). */
  listByType(workspaceId: string, objectType: CrmObjectType, page: PageRequest): Promise<Page<CrmLink>>;
  /** Finds the key linked to a CRM id (two-way sync maps a changed record back to its lead). */
  findByCrmId(workspaceId: string, objectType: CrmObjectType, crmId: string): Promise<CrmLink | undefined>;
}

export interface LeadRecord {
  workspace_id: string;
  lead_id: string;
  lead: Lead;
  status: Lead['qualification_status'];
  /** Owner name/id pulled back from the CRM by two-way sync. */
  crm_owner: { id: string; name?: string | undefined } | null;
  dedup: DedupDecision | null;
  review: { state: 'open' | 'kept_separate' | 'merged'; resolved_at: string | null } | null;
  created_at: string;
  updated_at: string;
}

export interface LeadFilter {
  status?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  review?: 'open' | undefined;
}

/** The relay's view of each lead: latest data, CRM owner, dedup decision, review state. */
export interface LeadStore {
  /** Merges a newer lead snapshot (fields absent in `lead` keep their old value). */
  upsert(workspaceId: string, lead: Lead, at: string): Promise<LeadRecord>;
  get(workspaceId: string, leadId: string): Promise<LeadRecord | undefined>;
  /** Newest first. */
  list(workspaceId: string, filter: LeadFilter, page: PageRequest): Promise<Page<LeadRecord>>;
  update(workspaceId: string, leadId: string, patch: Partial<Pick<LeadRecord, 'lead' | 'status' | 'crm_owner' | 'dedup' | 'review'>>, at: string): Promise<LeadRecord | undefined>;
}

export const syncLogStatuses = ['success', 'failed', 'skipped'] as const;
export type SyncLogStatus = (typeof syncLogStatuses)[number];

export interface SyncLogEntry {
  id: string;
  workspace_id: string;
  at: string;
  event_id: string | null;
  lead_id: string | null;
  record_type: CrmObjectType;
  /** create | update | link | pull (two-way sync) | review … */
  action: string;
  status: SyncLogStatus;
  crm_id: string | null;
  crm_url: string | null;
  /** What went wrong and what to do about it (failed and skipped entries). */
  error: SyncErrorJson | null;
  message: string | null;
  retry_count: number;
}

export interface SyncLogFilter {
  status?: SyncLogStatus | undefined;
  record_type?: CrmObjectType | undefined;
  lead_id?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

export interface SyncLogStore {
  append(entries: SyncLogEntry[]): Promise<void>;
  /** Newest first. */
  list(workspaceId: string, filter: SyncLogFilter, page: PageRequest): Promise<Page<SyncLogEntry>>;
  prune(before: string): Promise<number>;
}

export interface DeliveryAttempt {
  id: string;
  workspace_id: string;
  subscription_id: string;
  /** The message id (Standard Webhooks `webhook-id`), the same across attempts of one message. */
  message_id: string;
  event: string;
  payload: unknown;
  attempt: number;
  status: 'pending' | 'succeeded' | 'failed' | 'dead';
  response_status: number | null;
  error: string | null;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Outbound webhook messages and their attempts (at-least-once delivery to subscribers). */
export interface DeliveryStore {
  enqueue(messages: Array<Omit<DeliveryAttempt, 'attempt' | 'status' | 'response_status' | 'error' | 'updated_at'>>): Promise<void>;
  claimDue(now: string, limit: number, leaseUntil: string): Promise<DeliveryAttempt[]>;
  record(id: string, outcome: Pick<DeliveryAttempt, 'status' | 'response_status' | 'error' | 'next_attempt_at'>, now: string): Promise<void>;
  list(workspaceId: string, filter: { subscription_id?: string; status?: DeliveryAttempt['status'] }, page: PageRequest): Promise<Page<DeliveryAttempt>>;
  get(workspaceId: string, id: string): Promise<DeliveryAttempt | undefined>;
  /** Re-queues a message for immediate delivery. */
  replay(workspaceId: string, id: string, now: string): Promise<boolean>;
}

/** All stores a relay instance runs on. */
export interface Stores {
  config: ConfigStore;
  events: EventStore;
  links: LinkStore;
  leads: LeadStore;
  syncLog: SyncLogStore;
  deliveries: DeliveryStore;
  close(): Promise<void>;
}
