import { MemoryCrmAdapter } from '@synaptiq/shared/adapters/memory/memory-crm-adapter';
import type { Clock, CrmAdapter, Stores, Workspace } from '@synaptiq/shared';
import type { SyncNowResult } from '../../../relay/src/worker/types';
import { createApp } from '../../../relay/src/app';
import type { AppDeps, RelayWorker } from '../../../relay/src/app';
import { createSecretBox } from '../../../relay/src/crypto';
import { createMemoryStores } from '../../../relay/src/stores';
import { newWorkspace } from '../../../relay/src/services/new-workspace';
import type { NewWorkspaceInput } from '../../../relay/src/services/new-workspace';
import { hubspotStandardProperties } from './hubspot-properties';
import { StandardWebhook } from '@synaptiq/shared/webhooks/standard-webhook';

export const testEncryptionKey = Buffer.alloc(32, 7);
export const testNow = Date.parse('2026-11-24T15:00:00Z');

/** A clock tests move by hand. */
export function fixedClock(start = testNow): Clock & { set(ms: number): void; advance(ms: number): void } {
  let now = start;
  return { now: () => now, set: (ms) => (now = ms), advance: (ms) => (now += ms) };
}

/** A worker that records what the routes asked of it. */
export class FakeWorker implements RelayWorker {
  readonly kicks: string[] = [];
  readonly syncNows: string[] = [];
  readonly resumes: string[] = [];
  started = true;
  syncNowResult: SyncNowResult = { pushed: 0, skipped: 0, failed: 0, remaining: 0, results: [] };
  /** Runs on each kick, to play the worker's part (finish events) in a test. */
  onKick: ((workspaceId: string) => Promise<void>) | null = null;
  kick(workspaceId: string): void {
    this.kicks.push(workspaceId);
    void this.onKick?.(workspaceId);
  }
  async syncNow(workspaceId: string): Promise<SyncNowResult> {
    this.syncNows.push(workspaceId);
    return this.syncNowResult;
  }
  async resume(workspaceId: string): Promise<void> {
    this.resumes.push(workspaceId);
  }
  status() {
    return { started: this.started, stopping: false, workspaces: [] };
  }
}

export const silentLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export interface TestRelay {
  app: ReturnType<typeof createApp>;
  stores: Stores;
  clock: ReturnType<typeof fixedClock>;
  worker: FakeWorker;
  secrets: ReturnType<typeof createSecretBox>;
  /** The memory CRM of a workspace (made on first use). */
  crm(workspaceId: string): MemoryCrmAdapter;
  addWorkspace(input?: Partial<NewWorkspaceInput>): Promise<{ workspace: Workspace; apiKey: string; webhookSecret: string }>;
}

/** The relay app on memory stores, a memory CRM per workspace, a fake worker and a fixed clock. */
export function createTestRelay(overrides: Partial<AppDeps> = {}, options: { crm?: (clock: Clock) => MemoryCrmAdapter } = {}): TestRelay {
  const stores = createMemoryStores();
  const clock = fixedClock();
  const worker = new FakeWorker();
  const secrets = createSecretBox(testEncryptionKey);
  const crms = new Map<string, MemoryCrmAdapter>();
  const crmOf = (workspaceId: string): MemoryCrmAdapter => {
    let crm = crms.get(workspaceId);
    if (!crm) {
      crm = options.crm?.(clock) ?? new MemoryCrmAdapter({ clock, properties: hubspotStandardProperties() });
      crms.set(workspaceId, crm);
    }
    return crm;
  };
  const crmFor = async (workspace: Workspace): Promise<CrmAdapter> => crmOf(workspace.id);
  const app = createApp({ stores, secrets, crmFor, worker, clock, logger: silentLogger, ...overrides });
  return {
    app,
    stores,
    clock,
    worker,
    secrets,
    crm: crmOf,
    async addWorkspace(input = {}) {
      const created = newWorkspace({ id: 'acme', name: 'Acme', at: new Date(clock.now()).toISOString(), ...input }, secrets);
      await stores.config.saveWorkspace(created.workspace);
      return created;
    },
  };
}

/** Standard Webhooks headers for a body, signed now by the given secret(s). */
export function signedHeaders(secret: string, id: string, body: string, clock: Clock): Record<string, string> {
  return { ...new StandardWebhook(secret, { clock }).headers(id, body), 'content-type': 'application/json' };
}

/** An `Authorization` header value for a key. */
export const bearer = (apiKey: string) => `Bearer ${apiKey}`;
