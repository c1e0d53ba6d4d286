export { RollingWindowLimiter, LimiterRegistry, realSleep, type Sleep, type RollingWindowLimiterOptions } from './rate-limiter';
export { withRetry, retryDelayMs, backoffMs, defaultRetryPolicy, type RetryPolicy, type RetryDeps, type Random } from './retry';
export { guardedCall, type GuardedCallDeps } from './guarded-call';
export { codeForStatus, headerValue, parseRetryAfterMs, crmError } from './http-errors';
export { silentCrmLogger, type CrmLogger } from './crm-logger';
export type { RefreshGate, TokenRefresh } from './refresh-gate';
