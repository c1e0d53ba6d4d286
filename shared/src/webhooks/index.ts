export { StandardWebhook, webhookSecretPrefix, webhookToleranceSeconds } from './standard-webhook';
export type { IncomingHeaders, StandardWebhookOptions, WebhookHeaders } from './standard-webhook';
