import type { Clock, Stores } from '@synaptiq/shared';
import type { SecretBox } from '../../crypto';
import { createDeliveryWorker } from '../../delivery/delivery-worker';
import type { DeliveryWorker, DeliveryWorkerDeps } from '../../delivery/delivery-worker';
import { deliveryOptionsSchema } from '../../delivery/delivery-options';
import type { HookRouteOptions } from '../../routes/hooks';
import type { CrmFor, Logger } from '../../worker/types';
import type { SettledBatch } from '../process-events';
import { getLead } from '../lead-queries';
import { createHookEmitter } from './emit';
import type { EmitHookEvent } from './emit';
import type { FieldChange } from './hook-payloads';
import { settledHooks } from './settled-hooks';

export interface Hooks {
  /** Queues an event for its subscribers (two-way sync calls it with lead.crm_updated). */
  emitHookEvent: EmitHookEvent;
  /**
   * Two-way sync's shortcut: sends lead.crm_updated with the lead's current LeadView and the changes; resolves to
   * how many subscriptions it is addressed to (0 when nobody subscribed or the lead is unknown). `sourceId` (e.g. the CRM
   * record id and its modification time) keeps a change seen twice from being sent twice.
   */
  emitLeadCrmUpdated(workspaceId: string, leadId: string, changes: FieldChange[], sourceId?: string): Promise<number>;
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
  const emitLeadCrmUpdated: Hooks['emitLeadCrmUpdated'] = async (workspaceId, leadId, changes, sourceId) => {
    const workspace = await deps.stores.config.getWorkspace(workspaceId);
    const lead = workspace && (await getLead({ stores: deps.stores, crmFor: deps.crmFor }, workspace, leadId).catch(() => undefined));
    if (!lead) return 0;
    return emitHookEvent(workspaceId, 'lead.crm_updated', { ...lead, changes }, sourceId === undefined ? {} : { sourceId });
  };
  return {
    emitHookEvent,
    emitLeadCrmUpdated,
    onSettled: settledHooks({ stores: deps.stores, crmFor: deps.crmFor, emit: emitHookEvent }),
    worker,
    routes: { allowPrivateTargets: options.allowPrivateTargets, kick, ...(deps.lookup ? { lookup: deps.lookup } : {}) },
  };
}
