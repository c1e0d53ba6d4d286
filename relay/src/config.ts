import { z } from 'zod';
import { formatZodIssues } from '@synaptiq/shared/schemas/issues';

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
    CRM_PROVIDER: z.enum(['hubspot', 'salesforce']).default('hubspot'),
    HUBSPOT_ACCESS_TOKEN: optionalText,
    SALESFORCE_INSTANCE_URL: z.url().optional(),
    SALESFORCE_ACCESS_TOKEN: optionalText,
    SALESFORCE_REFRESH_TOKEN: optionalText,
    LOG_LEVEL: z.enum(logLevels).default('info'),
    /** The address printed in the ready message and used by send-test-event. */
    PUBLIC_URL: z.url().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.CRM_PROVIDER === 'salesforce' && (env.SALESFORCE_ACCESS_TOKEN || env.SALESFORCE_REFRESH_TOKEN) && !env.SALESFORCE_INSTANCE_URL) {
      ctx.addIssue({ code: 'custom', path: ['SALESFORCE_INSTANCE_URL'], message: 'set the org URL (https://<my-domain>.my.salesforce.com) with the Salesforce tokens' });
    }
    if (env.SALESFORCE_REFRESH_TOKEN && !env.SALESFORCE_ACCESS_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SALESFORCE_ACCESS_TOKEN'], message: 'set the access token that goes with SALESFORCE_REFRESH_TOKEN' });
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
export type RealCrmFromEnv =
  | { provider: 'hubspot'; access_token: string }
  | { provider: 'salesforce'; instance_url: string; access_token: string; refresh_token: string | undefined };

export function realCrmFromEnv(env: RelayEnv): RealCrmFromEnv | null {
  if (env.CRM_PROVIDER === 'hubspot' && env.HUBSPOT_ACCESS_TOKEN) return { provider: 'hubspot', access_token: env.HUBSPOT_ACCESS_TOKEN };
  if (env.CRM_PROVIDER === 'salesforce' && env.SALESFORCE_ACCESS_TOKEN && env.SALESFORCE_INSTANCE_URL) {
    return { provider: 'salesforce', instance_url: env.SALESFORCE_INSTANCE_URL, access_token: env.SALESFORCE_ACCESS_TOKEN, refresh_token: env.SALESFORCE_REFRESH_TOKEN };
  }
  return null;
}
