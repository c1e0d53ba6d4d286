import type { CrmAdapter, Stores, SynaptiqEvent, Workspace, WorkspaceSettingsInput } from '@synaptiq/shared';
import { createWorker } from '../../../../relay/src/worker/create-worker';
import type { Worker } from '../../../../relay/src/worker/create-worker';
import type { BatchRunner, Logger, WorkerDeps, WorkerOptionsInput } from '../../../../relay/src/worker/types';
import { buildWorkspace } from './builders';
import { FakeCrm } from './fake-crm';
import { FakeTime } from './fake-time';
import { memoryStores } from './stores';
import { stubSyncBatch } from './stub-sync-batch';

export const silentLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export interface Harness {
  time: FakeTime;
  stores: Stores;
  crm: FakeCrm;
  worker: Worker;
  workspace: Workspace;
  /** Stores an event the way ingest does, then kicks the worker. */
  receive(...events: SynaptiqEvent[]): Promise<void>;
  /** Moves time forward, letting every batch that falls due run to its end. */
  advance(ms: number): Promise<void>;
}

export interface HarnessOptions {
  settings?: WorkspaceSettingsInput;
  options?: WorkerOptionsInput;
  runBatch?: BatchRunner;
  /** The CRM each workspace gets; the harness's own FakeCrm comes in as `crm`. */
  crmFor?: (workspace: Workspace, crm: FakeCrm) => Promise<CrmAdapter>;
  crm?: FakeCrm;
  start?: boolean;
  stores?: Stores;
  onSettled?: WorkerDeps['onSettled'];
}

export async function startHarness(setup: HarnessOptions = {}): Promise<Harness> {
  const time = new FakeTime();
  const stores = setup.stores ?? memoryStores();
  const crm = setup.crm ?? new FakeCrm();
  // Stores handed over from an earlier harness (a restart) keep their workspace, pause and all.
  const workspace = (setup.stores && (await stores.config.getWorkspace('acme'))) || buildWorkspace('acme', setup.settings);
  await stores.config.saveWorkspace(workspace);
  let ids = 0;
  const worker = createWorker({
    stores,
    crmFor: async (workspace) => (setup.crmFor ? setup.crmFor(workspace, crm) : crm),
    clock: time,
    timers: time,
    logger: silentLogger,
    runBatch: setup.runBatch ?? stubSyncBatch,
    random: () => 0,
    newId: () => `log_${++ids}`,
    onSettled: setup.onSettled,
    options: { leaseMs: 60_000, ...setup.options },
  });
  if (setup.start ?? true) worker.start();
  const settle = () => worker.idle();
  await time.advance(0, settle);
  return {
    time,
    stores,
    crm,
    worker,
    workspace,
    async receive(...events) {
      for (const event of events) {
        await stores.events.append(workspace.id, event, time.iso());
        worker.kick(workspace.id);
      }
    },
    advance: (ms) => time.advance(ms, settle),
  };
}
