export { deriveStateKey, signState, verifyState, stateLifetimeMs } from './oauth-state';
export { oauthAppsFromEnv, redirectUriFor, callbackPath, refreshApps } from './oauth-apps';
export type { OAuthApp, OAuthOptions, OAuthEnv } from './oauth-apps';
export { authorizeUrl, completeConnect, disconnect, UsedStates } from './connect-crm';
export type { ConnectDeps, CallbackOutcome } from './connect-crm';
