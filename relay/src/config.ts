import { z } from 'zod';
import { crmConnectionSchema } from '@synaptiq/shared';
import type { CrmConnection } from '@synaptiq/shared';
import { formatZodIssues } from '@synaptiq/shared/schemas/issues';
import { hooksEnvShape } from './delivery/delivery-options';
import { metricsEnvShape } from './metrics/metrics-env';
import { postgresEnvProblems, postgresEnvShape } from './stores/postgres/postgres-env';
import { consoleEnvShape } from './console/console-env';

/**
 * The relay's environment, parsed once at start-up. A bad value stops the relay with a message
 * naming the variable and what it expects; secrets are never echoed back.
 */

const port = z.coerce.number().int().min(1).max(65_535);
const optionalText = z.string().trim().min(1).optional();
const emptyAsUndefined = (env: NodeJS.ProcessEnv): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''));

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const envSchema = z
  .object({
    PORT: port.default(3000),
    /** Loopback by default; set 0.0.0.0 to accept connections from other machines (behind TLS). */
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    SANDBOX_PORT: port.default(3001),
    /** The sandbox CRM runs inside the relay unless turned off (it is the CRM of workspaces without a connection). */
    SANDBOX: z.enum(['on', 'off']).default('on'),
    RELAY_API_KEY: z.string().trim().regex(/^\S{24,200}$/, 'use at least 24 characters without spaces (or leave it unset to have one generated)').optional(),
    WEBHOOK_SECRET: z
      .string()
      .trim()
      .regex(/^whsec_[A-Za-z0-9+/]{22,}={0,2}$/, 'use "whsec_" followed by base64 of 24–64 random bytes (or leave it unset to have one generated)')
      .optional(),
    ENCRYPTION_KEY: optionalText,
    /** The default workspace's CRM: the sandbox speaks both APIs; with the provider's credentials below, the real one. */
    CRM_PROVIDER: z.enum(['hubspot', 'salesforce']).optional(),
    HUBSPOT_ACCESS_TOKEN: optionalText,
    SALESFORCE_INSTANCE_URL: z.url().optional(),
    SALESFORCE_ACCESS_TOKEN: optionalText,
    SALESFORCE_REFRESH_TOKEN: optionalText,
    /** OAuth apps: needed to refresh the access tokens of OAuth connections. */
    HUBSPOT_CLIENT_ID: optionalText,
    HUBSPOT_CLIENT_SECRET: optionalText,
    SALESFORCE_CLIENT_ID: optionalText,
    SALESFORCE_CLIENT_SECRET: optionalText,
    SALESFORCE_LOGIN_URL: z.url().default('https://login.salesforce.com'),
    /** OAuth connect: where CRMs send users back (<base>/v1/crm/callback/<provider>); default PUBLIC_URL. */
    OAUTH_REDIRECT_BASE_URL: z.url().optional(),
    /** HubSpot's authorize page and API base (token, revoke), for a HubSpot stand-in; default the real ones. */
    HUBSPOT_OAUTH_AUTHORIZE_URL: z.url().optional(),
    HUBSPOT_API_BASE_URL: z.url().optional(),
    LOG_LEVEL: z.enum(logLevels).default('info'),
    /** Ended events (synced, skipped) and sync log entries older than this many days are pruned hourly; dead letters are kept. */
    RETENTION_DAYS: z.coerce.number().min(1).max(3650).default(30),
    /** The address printed in the ready message and used by send-test-event. */
    PUBLIC_URL: z.url().optional(),
    /** Outbound webhooks: HOOKS_ALLOW_PRIVATE_TARGETS, HOOKS_DISABLE_AFTER_DAYS. */
    ...hooksEnvShape,
    /** METRICS_TOKEN protects GET /metrics. */
    ...metricsEnvShape,
    /** DATABASE_URL (and DATABASE_SCHEMA): PostgreSQL instead of DATA_DIR's embedded stores. */
    ...postgresEnvShape,
    /** ADMIN_PASSWORD: operator sign-in to the admin console at /admin. */
    ...consoleEnvShape,
  })
  .superRefine((env, ctx) => {
    for (const problem of postgresEnvProblems(env)) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
    if (env.CRM_PROVIDER === 'salesforce' && (env.SALESFORCE_ACCESS_TOKEN || env.SALESFORCE_REFRESH_TOKEN) && !env.SALESFORCE_INSTANCE_URL) {
      ctx.addIssue({ code: 'custom', path: ['SALESFORCE_INSTANCE_URL'], message: 'set the org URL (https://<my-domain>.my.salesforce.com) with the Salesforce tokens' });
    }
    if (env.SALESFORCE_ACCESS_TOKEN && !env.SALESFORCE_REFRESH_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SALESFORCE_REFRESH_TOKEN'], message: 'set the refresh token of the Salesforce connection (access tokens expire within hours)' });
    }
    if (env.SALESFORCE_REFRESH_TOKEN && !env.SALESFORCE_ACCESS_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SALESFORCE_ACCESS_TOKEN'], message: 'set the access token that goes with SALESFORCE_REFRESH_TOKEN' });
    }
    for (const provider of ['HUBSPOT', 'SALESFORCE'] as const) {
      if (Boolean(env[`${provider}_CLIENT_ID`]) !== Boolean(env[`${provider}_CLIENT_SECRET`])) {
        ctx.addIssue({ code: 'custom', path: [`${provider}_CLIENT_SECRET`], message: `set both ${provider}_CLIENT_ID and ${provider}_CLIENT_SECRET, or neither` });
      }
    }
  });
export type RelayEnv = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: Array<{ variable: string; message: string }>) {
    super(`The relay's environment is invalid:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment (empty values count as unset); throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): RelayEnv {
  const parsed = envSchema.safeParse(emptyAsUndefined(env));
  if (!parsed.success) {
    throw new ConfigError(formatZodIssues(parsed.error).map((issue) => ({ variable: issue.path, message: issue.message })));
  }
  return parsed.data;
}

/** The CRM the default workspace talks to when the environment names a real one; null means the sandbox. */
/** The connection of the real CRM the environment names for the default workspace; null means the sandbox. */
export function realCrmFromEnv(env: RelayEnv): CrmConnection | null {
  if ((env.CRM_PROVIDER ?? 'hubspot') === 'hubspot' && env.HUBSPOT_ACCESS_TOKEN) {
    return crmConnectionSchema.parse({ provider: 'hubspot', auth: 'private_app', access_token: env.HUBSPOT_ACCESS_TOKEN });
  }
  if (env.CRM_PROVIDER === 'salesforce' && env.SALESFORCE_ACCESS_TOKEN && env.SALESFORCE_REFRESH_TOKEN && env.SALESFORCE_INSTANCE_URL) {
    return crmConnectionSchema.parse({
      provider: 'salesforce',
      auth: 'oauth',
      access_token: env.SALESFORCE_ACCESS_TOKEN,
      refresh_token: env.SALESFORCE_REFRESH_TOKEN,
      instance_url: env.SALESFORCE_INSTANCE_URL,
    });
  }
  return null;
}
