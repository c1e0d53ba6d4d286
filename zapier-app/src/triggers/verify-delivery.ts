import { z as zod } from 'zod';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { StandardWebhook } from '@synaptiq/shared/webhooks/standard-webhook';
import { isSyncError } from '@synaptiq/shared/errors';
import { hookDeliverySchema } from '../schemas/relay';

/**
 * Zapier may run a hook's perform a while after it arrived (queues, retries); replays are still bounded, and the
 * relay re-signs every retry with a fresh timestamp.
 */
const toleranceSeconds = 60 * 60;

const signedBundleSchema = zod.object({
  subscribeData: zod.looseObject({ secret: zod.string().startsWith('whsec_') }),
  rawRequest: zod.looseObject({ headers: zod.record(zod.string(), zod.string()), content: zod.string() }),
});

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Zapier hands over request headers as "Http-Webhook-Id"; Standard Webhooks names them "webhook-id". */
const standardHeaders = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase().replace(/^http-/, ''), value]));

/**
 * The delivery's body, once its Standard Webhooks signature checks out against the secret the relay gave this
 * Zap's subscription: anyone who learns the hook URL could otherwise start Zaps with made-up leads.
 * https://docs.zapier.com/platform/build/hook-trigger · https://www.standardwebhooks.com/
 */
export function verifiedDelivery(z: ZObject, bundle: Bundle): zod.infer<typeof hookDeliverySchema> {
  const signed = signedBundleSchema.safeParse(bundle);
  if (!signed.success) {
    throw new z.errors.HaltedError('Ignored a hook delivery without a Standard Webhooks signature, or a subscription without its signing secret (turn the Zap off and on again to renew it).');
  }
  const { subscribeData, rawRequest } = signed.data;
  try {
    new StandardWebhook(subscribeData.secret, { toleranceSeconds }).verify(rawRequest.content, standardHeaders(rawRequest.headers));
  } catch (error) {
    if (isSyncError(error)) throw new z.errors.HaltedError(`Ignored a hook delivery that the relay did not sign: ${error.message}`);
    throw error;
  }
  const delivery = hookDeliverySchema.safeParse(parseJson(rawRequest.content));
  if (!delivery.success) throw new z.errors.Error('The relay delivered a hook in an unexpected shape; check that the relay is up to date.', 'hook.unexpected_payload', 400);
  return delivery.data;
}
