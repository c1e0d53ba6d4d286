export { createSecretBox, isSealed, parseEncryptionKey, SecretBoxError } from './secret-box';
export type { SecretBox } from './secret-box';
export { apiKeyMatches, constantTimeEqual, displayPrefix, generateApiKey, hashApiKey } from './api-keys';
export { generateWebhookSecret } from './webhook-secrets';
