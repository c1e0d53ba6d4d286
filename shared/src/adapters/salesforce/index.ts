export { createSalesforceAdapter, salesforceApiVersion, type CreateSalesforceAdapterOptions } from './create-salesforce-adapter';
export { SalesforceCrmAdapter } from './salesforce-crm-adapter';
export { salesforceAuthorizationUrl, exchangeSalesforceCode, type SalesforceOAuthClient } from './salesforce-oauth';
export type { SalesforceTokens } from './salesforce-session';
export type { PersonObject } from './to-salesforce';
