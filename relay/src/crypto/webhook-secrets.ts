import { randomBytes } from 'node:crypto';

/**
 * A Standard Webhooks signing secret: `whsec_` and the base64 of 32 random bytes (the spec
 * recommends 24 to 64). https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md#signature-scheme
 */
export const generateWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;
