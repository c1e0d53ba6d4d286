import { z as zod } from 'zod';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { HookEvent } from '@synaptiq/shared/schemas/workspace';
import type { OutputField } from '../fields/from-zod';
import { throwRelayError } from '../middleware';
import { callRelay, relayBaseUrl } from '../relay';
import { hookSchema } from '../schemas/relay';
import { verifiedDelivery } from './verify-delivery';


export interface HookTriggerSpec<T extends zod.ZodType> {
  key: string;
  noun: string;
  label: string;
  description: string;
  event: HookEvent;
  /** The shape of the hook payload's `data`; performList must return the same shape. */
  payload: T;
  /** Recent items, newest first, shaped exactly like the hook payload (the sample a user tests with). */
  list(z: ZObject, bundle: Bundle): Promise<Array<zod.infer<T>>>;
  sample: zod.infer<T>;
  outputFields: OutputField[];
}

const subscribeBundleSchema = zod.object({ targetUrl: zod.url() });
const unsubscribeBundleSchema = zod.object({ subscribeData: zod.object({ id: zod.string().min(1) }) });

/**
 * An instant trigger on the relay's REST hooks: one subscription per Zap (each Zap's own target URL and hook id,
 * so several Zaps never overwrite each other), the delivered `data` passed to the Zap as is.
 * https://docs.zapier.com/platform/build/hook-trigger
 */
export function hookTrigger<T extends zod.ZodType>(spec: HookTriggerSpec<T>) {
  return {
    key: spec.key,
    noun: spec.noun,
    display: { label: spec.label, description: spec.description },
    operation: {
      type: 'hook' as const,
      performSubscribe: async (z: ZObject, bundle: Bundle) => {
        const { targetUrl } = subscribeBundleSchema.parse(bundle);
        return callRelay(z, bundle, { method: 'POST', path: '/v1/hooks', body: { target_url: targetUrl, event: spec.event } }, hookSchema);
      },
      performUnsubscribe: async (z: ZObject, bundle: Bundle) => {
        const parsed = unsubscribeBundleSchema.safeParse(bundle);
        if (!parsed.success) throw new z.errors.Error('This Zap has no hook subscription to remove; turn the Zap off and on again.', 'hook.unknown', 400);
        const { id } = parsed.data.subscribeData;
        // https://docs.zapier.com/platform/build/hook-trigger: a hook already gone (404) is what we wanted.
        const response = await z.request({ url: `${relayBaseUrl(bundle)}/v1/hooks/${encodeURIComponent(id)}`, method: 'DELETE', skipThrowForStatus: true });
        if (response.status >= 400 && response.status !== 404) throwRelayError(response, z);
        return { id, removed: response.status !== 404 };
      },
      perform: async (z: ZObject, bundle: Bundle) => {
        const delivery = verifiedDelivery(z, bundle);
        const data = spec.payload.safeParse(delivery.data);
        if (delivery.type !== spec.event || !data.success) {
          throw new z.errors.Error(`The relay delivered a ${delivery.type} hook where ${spec.event} was expected, or in an unexpected shape; check that the relay is up to date.`, 'hook.unexpected_payload', 400);
        }
        return [data.data];
      },
      performList: spec.list,
      sample: spec.sample,
      outputFields: spec.outputFields,
    },
  };
}
