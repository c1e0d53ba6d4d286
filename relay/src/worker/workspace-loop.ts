import { SyncError } from '@synaptiq/shared';
import type { StoredEvent, Workspace } from '@synaptiq/shared';
import { errorFields } from '../logger';
import { dueTrigger } from '../services/scheduler';
import type { RunTrigger } from '../services/scheduler';
import { syncNow } from '../services/sync-now';
import { drainQueue } from './drain';
import type { DrainDeps } from './drain';
import { automaticResumeAt, configurationChangedSincePause, configurationFingerprint, resumedStatus, updateWorkspace } from './pause';
import type { SyncNowProgress, SyncNowResult, Timers, WorkerOptions } from './types';

export interface LoopContext {
  deps: DrainDeps;
  options: WorkerOptions;
  timers: Timers;
  isAcceptingWork(): boolean;
  /** See WorkerDeps.claimScheduledRun. */
  claimScheduledRun?: ((workspace: Workspace, firedAt: string) => Promise<boolean>) | undefined;
}

export interface WorkspaceLoopStatus {
  workspace_id: string;
  mode: Workspace['settings']['sync_mode']['mode'] | null;
  running: boolean;
  paused: boolean;
  in_flight: number;
  last_run_at: string | null;
  last_batch_at: string | null;
}

type Trigger = RunTrigger | 'kick';

/**
 * One workspace's queue runner. Runs are exclusive per workspace (one claim loop each, so workspaces never
 * wait for each other), and come from new events (coalesced), ticks (schedules, polls, resumes) or Sync Now.
 */
export class WorkspaceLoop {
  private queue: Promise<unknown> = Promise.resolve();
  private runQueued = false;
  private running = false;
  private kicks = 0;
  private kickTimer: unknown = null;
  private inFlight: StoredEvent[] = [];
  private lastRunAt: number | null = null;
  private lastSeen: Workspace | undefined;
  /**
   * For pauses that did not record their configuration (status.paused_configuration, made by older versions):
   * the settings and connection when this loop first saw the pause.
   */
  private configurationAtPause: string | null = null;

  constructor(
    readonly workspaceId: string,
    private readonly context: LoopContext,
  ) {}

  /** A new event was stored: run soon, once the coalescing window closes or a full batch is waiting. */
  kick(): void {
    if (!this.context.isAcceptingWork()) return;
    this.kicks += 1;
    if (this.kicks >= this.context.options.maxBatchSize) {
      this.fireKick();
    } else if (this.kickTimer === null) {
      this.kickTimer = this.context.timers.setTimeout(() => this.fireKick(), this.context.options.coalesceMs);
    }
  }

  /** Called on every tick with the stored workspace: resumes what may resume, runs what is due. */
  async tick(workspace: Workspace): Promise<void> {
    this.lastSeen = workspace;
    const now = this.context.deps.clock.now();
    if (workspace.status.paused && this.mayResume(workspace, now)) {
      await this.resume();
      return;
    }
    if (!workspace.status.paused) this.configurationAtPause = null;
    else this.configurationAtPause ??= configurationFingerprint(workspace);
    const trigger = dueTrigger(workspace, this.lastRunAt, now, this.context.options.pollMs);
    if (trigger !== null) this.schedule(trigger);
  }

  /** Clears a pause (the user fixed the cause, or the quota reset) and runs what waited. */
  async resume(): Promise<void> {
    const { config } = this.context.deps.stores;
    const current = await config.getWorkspace(this.workspaceId);
    this.configurationAtPause = null;
    if (current === undefined) return;
    const resumed = current.status.paused ? await updateWorkspace(config, this.workspaceId, resumedStatus) : current;
    if (resumed === undefined) return;
    if (current.status.paused) this.context.deps.logger.info({ workspace_id: this.workspaceId }, 'sync resumed');
    this.lastSeen = resumed;
    const trigger = dueTrigger(resumed, null, this.context.deps.clock.now(), this.context.options.pollMs);
    if (trigger !== null) this.schedule(trigger);
  }

  syncNow(onProgress?: (progress: SyncNowProgress) => void): Promise<SyncNowResult> {
    return this.exclusive(async () => {
      const exists = await this.context.deps.stores.config.getWorkspace(this.workspaceId);
      if (exists === undefined) throw new SyncError('not_found', `Workspace ${this.workspaceId} does not exist.`);
      const { drain: _drain, ...result } = await syncNow(this.context.deps, this.workspaceId, this.control(), onProgress);
      this.markRun();
      return result;
    });
  }

  /** Resolves once nothing is running or queued. */
  async idle(): Promise<void> {
    let seen: Promise<unknown> | null = null;
    while (seen !== this.queue) {
      seen = this.queue;
      await seen;
    }
  }

  /** Stops taking work; waits for the batch in flight, or returns its events to the queue after `timeoutMs`. */
  async stop(timeoutMs: number): Promise<void> {
    if (this.kickTimer !== null) this.context.timers.clearTimeout(this.kickTimer);
    this.kickTimer = null;
    let timer: unknown = null;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = this.context.timers.setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const finished = await Promise.race([this.idle().then(() => 'idle' as const), timedOut]);
    this.context.timers.clearTimeout(timer);
    if (finished === 'timeout' && this.inFlight.length > 0) {
      const ids = this.inFlight.map((event) => event.event_id);
      this.inFlight = [];
      const now = new Date(this.context.deps.clock.now()).toISOString();
      await this.context.deps.stores.events.release(this.workspaceId, ids, now);
      this.context.deps.logger.warn({ workspace_id: this.workspaceId, events: ids.length }, 'stopped mid-batch: events returned to the queue');
    }
  }

  status(): WorkspaceLoopStatus {
    const workspace = this.lastSeen;
    return {
      workspace_id: this.workspaceId,
      mode: workspace?.settings.sync_mode.mode ?? null,
      running: this.running,
      paused: workspace?.status.paused ?? false,
      in_flight: this.inFlight.length,
      last_run_at: this.lastRunAt === null ? null : new Date(this.lastRunAt).toISOString(),
      last_batch_at: workspace?.status.last_batch_at ?? null,
    };
  }

  private fireKick(): void {
    if (this.kickTimer !== null) this.context.timers.clearTimeout(this.kickTimer);
    this.kickTimer = null;
    this.kicks = 0;
    this.schedule('kick');
  }

  private mayResume(workspace: Workspace, now: number): boolean {
    const resumeAt = automaticResumeAt(workspace);
    if (resumeAt !== null && resumeAt <= now) return true;
    // Persisted with the pause, so a fix made while the relay was down is noticed at its first tick.
    const changed = configurationChangedSincePause(workspace);
    if (changed !== null) return changed;
    return this.configurationAtPause !== null && this.configurationAtPause !== configurationFingerprint(workspace);
  }

  /** Queues one run; a run already waiting to start will see the same events, so a second is useless. */
  private schedule(trigger: Trigger): void {
    if (this.runQueued || !this.context.isAcceptingWork()) return;
    this.runQueued = true;
    void this.exclusive(() => this.run(trigger)).catch((error: unknown) => {
      this.context.deps.logger.error({ workspace_id: this.workspaceId, error: errorFields(error) }, 'sync run failed; it will be retried');
    });
  }

  private async run(trigger: Trigger): Promise<void> {
    this.runQueued = false;
    const workspace = await this.context.deps.stores.config.getWorkspace(this.workspaceId);
    if (workspace === undefined) return;
    this.lastSeen = workspace;
    const mode = workspace.settings.sync_mode.mode;
    if (trigger === 'schedule' ? mode !== 'batched' : mode !== 'realtime') return;
    const startedAt = this.context.deps.clock.now();
    // Another instance on the same database already ran this schedule: its next run is an interval away.
    if (trigger === 'schedule' && this.context.claimScheduledRun && !(await this.context.claimScheduledRun(workspace, new Date(startedAt).toISOString()))) return;
    await drainQueue(this.context.deps, this.workspaceId, this.control());
    this.markRun();
    if (trigger === 'schedule') {
      const at = new Date(startedAt).toISOString();
      this.lastSeen = await updateWorkspace(this.context.deps.stores.config, this.workspaceId, (current) => ({
        ...current,
        status: { ...current.status, last_batch_at: at },
      }));
    }
  }

  private markRun(): void {
    this.lastRunAt = this.context.deps.clock.now();
  }

  private control() {
    return {
      shouldStop: () => !this.context.isAcceptingWork(),
      onClaimed: (events: StoredEvent[]) => {
        this.inFlight = events;
      },
    };
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      this.running = true;
      try {
        return await work();
      } finally {
        this.running = false;
      }
    });
    this.queue = result.catch(() => undefined);
    return result;
  }
}
