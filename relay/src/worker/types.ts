import { z } from 'zod';
import type {
  Clock,
  CrmAdapter,
  CrmObjectType,
  DedupDecision,
  LinkStore,
  StoredEvent,
  Stores,
  SyncErrorJson,
  Workspace,
  WriteWarning,
} from '@synaptiq/shared';
import { crmRetryPolicy, retryPolicySchema } from '../delivery/retry-schedule';
import type { RandomSource } from '../delivery/retry-schedule';
import type { ProcessEventsDeps } from '../services/process-events';
import type { RelayMetrics } from '../metrics';

/** What the worker needs of a logger (pino fits). Never pass secrets or lead PII. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Timers come in like the clock, so tests drive coalescing windows and schedules exactly. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending wake-up must never keep a stopping process alive.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** The outcome of one planned CRM operation of one event. */
export interface OperationOutcome {
  eventId: string;
  leadId: string;
  key: string;
  objectType: CrmObjectType;
  /** create | update | upsert | link */
  action: string;
  status: 'success' | 'failed' | 'skipped';
  crmId: string | null;
  url: string | null;
  error: SyncErrorJson | null;
  /** Why the operation exists or was skipped ("lead qualified", "contact creation is off"). */
  reason: string;
  /** The record was created but flagged for manual review (duplicate strategy "flag for review"). */
  review: boolean;
  /** Written, but the CRM adapter left something out (an industry that fits none of HubSpot's options). */
  warnings?: WriteWarning[];
}

export interface BatchInput {
  workspace: Workspace;
  crm: CrmAdapter;
  links: LinkStore;
  events: StoredEvent[];
  now: number;
}

export interface BatchOutcome {
  operations: OperationOutcome[];
  /** The dedup decision taken for each lead (by lead id). */
  decisions: Map<string, DedupDecision>;
  /** Where deal owner round robin continues. */
  ownerCursor: number;
}

/**
 * Runs claimed events as one batch: dedup lookups, planning and CRM writes (the core's syncBatch).
 * Throws a SyncError when the whole batch failed (the CRM was unreachable, the token expired, …).
 */
export type BatchRunner = (input: BatchInput) => Promise<BatchOutcome>;

/** Builds (or returns the cached) CRM adapter of a workspace. */
export type CrmFor = (workspace: Workspace) => Promise<CrmAdapter>;

export const workerOptionsSchema = z.object({
  /** Real-time mode waits this long after the first new event, so a burst goes out in batch calls. */
  coalesceMs: z.number().int().min(0).default(250),
  /** At most this many events per batch; reaching it ends the coalescing window at once. */
  maxBatchSize: z.number().int().min(1).max(1000).default(100),
  /** How often workspaces are looked at: batched schedules, due retries, automatic resume. */
  tickMs: z.number().int().min(10).default(1_000),
  /** Real-time mode looks for due retries and leftover work this often even without new events. */
  pollMs: z.number().int().min(10).default(5_000),
  /** A claimed event returns to the queue after this long if its worker died. */
  leaseMs: z.number().int().min(1_000).default(2 * 60_000),
  /** stop() waits this long for in-flight batches, then returns their events to the queue. */
  stopTimeoutMs: z.number().int().min(0).default(15_000),
  /** When the daily API quota ran out and the CRM did not say when it resets, try again after this long. */
  quotaPauseMs: z.number().int().min(1_000).default(60 * 60_000),
  retry: retryPolicySchema.default(crmRetryPolicy),
});
export type WorkerOptions = z.infer<typeof workerOptionsSchema>;
export type WorkerOptionsInput = z.input<typeof workerOptionsSchema>;

export interface WorkerDeps {
  stores: Stores;
  crmFor: CrmFor;
  clock: Clock;
  logger: Logger;
  /** Defaults to the core's syncBatch (coreBatchRunner()). */
  runBatch?: BatchRunner;
  options?: WorkerOptionsInput;
  timers?: Timers;
  random?: RandomSource;
  /** Ids of sync log entries. */
  newId?: () => string;
  /** Told about every settled batch, e.g. to send lead.synced and sync.failed hooks. */
  onSettled?: ProcessEventsDeps['onSettled'];
  /** Times each batch and counts retries and dead letters (relay/src/metrics). */
  metrics?: RelayMetrics | undefined;
  /**
   * Several instances on one database: claims a batched workspace's scheduled run so it fires once, not once per
   * instance (relay/src/stores/postgres/coordination). Without it every due schedule runs (one instance).
   */
  claimScheduledRun?: ((workspace: Workspace, firedAt: string) => Promise<boolean>) | undefined;
}

/** One event's result, as Sync Now reports it. */
export interface EventResult {
  event_id: string;
  lead_id: string;
  /** pending: returned to the queue untouched (the workspace paused, or the worker stopped). */
  status: 'synced' | 'skipped' | 'failed' | 'dead' | 'pending';
}

export interface SyncNowResult {
  pushed: number;
  skipped: number;
  failed: number;
  /** Events still waiting (pending, retrying later, or in flight). */
  remaining: number;
  results: EventResult[];
}

export type SyncNowProgress = Omit<SyncNowResult, 'remaining' | 'results'> & { batches: number };
