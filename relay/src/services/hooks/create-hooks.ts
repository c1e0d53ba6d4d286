import type { Clock, Stores } from '@synaptiq/shared';
import type { SecretBox } from '../../crypto';
import { createDeliveryWorker } from '../../delivery/delivery-worker';
import type { DeliveryWorker, DeliveryWorkerDeps } from '../../delivery/delivery-worker';
import { deliveryOptionsSchema } from '../../delivery/delivery-options';
import type { HookRouteOptions } from '../../routes/hooks';
import type { CrmFor, Logger } from '../../worker/types';
import type { SettledBatch } from '../process-events';
import { createHookEmitter } from './emit';
import type { EmitHookEvent } from './emit';
import { settledHooks } from './settled-hooks';

export interface Hooks {
  /** Queues an event for its subscribers (two-way sync calls it with lead.crm_updated). */
  emitHookEvent: EmitHookEvent;
  /** The sync worker's onSettled listener (lead.created, lead.qualified, meeting.booked, lead.synced, sync.failed). */
  onSettled: (settled: SettledBatch) => Promise<void>;
  /** Start it with the relay, stop it before the stores close. */
  worker: DeliveryWorker;
  /** createApp's `hooks` option. */
  routes: HookRouteOptions;
}

/** Outbound webhooks, wired: one emitter, the settled-batch listener, the delivery worker and the route options. */
export function createHooks(deps: Omit<DeliveryWorkerDeps, 'stores'> & { stores: Stores; secrets: SecretBox; clock: Clock; logger: Logger; crmFor: CrmFor }): Hooks {
  const options = deliveryOptionsSchema.parse(deps.options ?? {});
  const worker = createDeliveryWorker({ ...deps, options });
  const kick = () => worker.kick();
  const emitHookEvent = createHookEmitter({ stores: deps.stores, clock: deps.clock, kick });
  return {
    emitHookEvent,
    onSettled: settledHooks({ stores: deps.stores, crmFor: deps.crmFor, emit: emitHookEvent }),
    worker,
    routes: { allowPrivateTargets: options.allowPrivateTargets, kick, ...(deps.lookup ? { lookup: deps.lookup } : {}) },
  };
}
