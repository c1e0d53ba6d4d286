export {
  createHubspotAdapter,
  HubspotPortalRegistry,
  processHubspotRegistry,
  type CreateHubspotAdapterOptions,
} from './create-hubspot-adapter';
export { HubspotCrmAdapter, type HubspotCrmAdapterDeps, type PortalInfo } from './hubspot-crm-adapter';
export type { HubspotTokens, OAuthApp } from './hubspot-auth';
export { classifyHubspotError } from './hubspot-errors';
