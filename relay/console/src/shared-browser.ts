/**
 * The browser-safe part of @synaptiq/shared (the bundle aliases the package root here): schemas, error codes
 * and their fixes, default mappings. Never the CRM adapters (they need Node and the vendors' SDKs).
 */
export * from '@synaptiq/shared/errors';
export * from '@synaptiq/shared/schemas/events';
export * from '@synaptiq/shared/schemas/settings';
export * from '@synaptiq/shared/schemas/crm';
export * from '@synaptiq/shared/schemas/workspace';
export * from '@synaptiq/shared/ports/stores';
export * from '@synaptiq/shared/ports/clock';
export * from '@synaptiq/shared/dedupe/types';
export * from '@synaptiq/shared/sync/operations';
export { formatZodIssues, type FieldIssue } from '@synaptiq/shared/schemas/issues';
export { defaultMapping, effectiveMapping, type EffectiveMapping } from '@synaptiq/shared/mapping/default-mappings';
export { requiredCustomProperties, type RequiredCustomProperty } from '@synaptiq/shared/mapping/custom-properties';
export { providerProfile, type ProviderProfile } from '@synaptiq/shared/mapping/provider-profile';
