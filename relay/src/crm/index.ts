export { createCrmFactory, sandboxConnection } from './crm-factory';
export type { AdapterBuilder, AdapterRequest, CrmFactory, CrmFactoryDeps, RefreshedTokens, SecretSealer } from './crm-factory';
