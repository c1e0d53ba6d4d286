import { z } from 'zod';

/** HubSpot API limits per subscription tier (private apps): requests per 10 s and per day. */
export const HUBSPOT_TIERS = {
  starter: { perTenSeconds: 100, daily: 250_000 },
  professional: { perTenSeconds: 190, daily: 625_000 },
  enterprise: { perTenSeconds: 190, daily: 1_000_000 },
} as const;

export const tierSchema = z.enum(['starter', 'professional', 'enterprise']);
export type HubspotTier = z.infer<typeof tierSchema>;

const scriptedFaultSchema = z.object({
  /** The status to answer instead of handling the request. */
  status: z.union([z.literal(423), z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]),
  /** How many matching requests get this fault. */
  times: z.number().int().positive().default(1),
  api: z.enum(['hubspot', 'salesforce', 'any']).default('any'),
  /** Only requests whose path starts with this prefix. */
  pathPrefix: z.string().optional(),
});
export type ScriptedFault = z.infer<typeof scriptedFaultSchema>;

export const sandboxConfigSchema = z.object({
  hubspot: z
    .object({
      tier: tierSchema.default('starter'),
      rateLimit: z
        .object({
          enabled: z.boolean().default(true),
          /** Overrides the tier's requests per 10 s (null: the tier's). */
          perTenSeconds: z.number().int().positive().nullable().default(null),
          /** Overrides the tier's daily requests (null: the tier's). */
          daily: z.number().int().positive().nullable().default(null),
          searchPerSecond: z.number().int().positive().default(5),
        })
        .prefault({}),
      /** Records appear in search this long after a write (HubSpot: "a few moments"). */
      searchLagMs: z.number().int().nonnegative().default(0),
      accessTokenTtlSeconds: z.number().int().positive().default(1800),
      /** HubSpot keeps the refresh token; turn on to emulate rotation. */
      rotateRefreshTokens: z.boolean().default(false),
      portalId: z.number().int().positive().default(44_556_677),
    })
    .prefault({}),
  salesforce: z
    .object({
      /** Developer Edition: 15,000 calls per 24 h. */
      dailyApiLimit: z.number().int().positive().default(15_000),
      sessionTtlSeconds: z.number().int().positive().default(7200),
      /** Refresh token rotation: each refresh answers a new refresh token and revokes the old one. */
      rotateRefreshTokens: z.boolean().default(false),
      /** Records per query page before nextRecordsUrl (Salesforce: 2,000; Sforce-Query-Options batchSize overrides). */
      queryBatchSize: z.number().int().min(1).max(2000).default(2000),
      /** Active duplicate rules (exact email match) per object. */
      duplicateRules: z.object({ Lead: z.boolean().default(false), Contact: z.boolean().default(false) }).prefault({}),
      orgId: z.string().default('00D5g000004SandAAA'),
    })
    .prefault({}),
  auth: z
    .object({
      /** When non-empty, only these bearer tokens (and tokens issued by the OAuth endpoints) are accepted. */
      tokens: z.array(z.string().min(1)).default([]),
      /** OAuth clients accepted by the token endpoints; empty accepts any client. */
      clients: z.array(z.object({ clientId: z.string(), clientSecret: z.string() })).default([]),
    })
    .prefault({}),
  faults: z
    .object({
      /** Share (0..1) of API requests answered with `serverErrorStatus`. */
      errorRate: z.number().min(0).max(1).default(0),
      serverErrorStatus: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(503),
      /** Share (0..1) of HubSpot writes answered 423 Locked. */
      lockedRate: z.number().min(0).max(1).default(0),
      latencyMs: z.number().int().nonnegative().default(0),
      /** Every API request inside [start, end) (epoch ms on the sandbox clock) gets a 503. */
      outage: z.object({ start: z.number(), end: z.number() }).nullable().default(null),
      /** Faults for the next matching requests, consumed in order. */
      next: z.array(scriptedFaultSchema).default([]),
    })
    .prefault({}),
});

export type SandboxConfig = z.infer<typeof sandboxConfigSchema>;
export type SandboxConfigInput = z.input<typeof sandboxConfigSchema>;

/** A deep-partial patch for POST /_sandbox/config: objects merge, arrays and scalars replace. */
export const configPatchSchema = z.record(z.string(), z.unknown());

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mergeConfig(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = mergeConfig(base[key], value);
  return out;
}

export function hubspotLimits(config: SandboxConfig): { perTenSeconds: number; daily: number } {
  const tier = HUBSPOT_TIERS[config.hubspot.tier];
  return {
    perTenSeconds: config.hubspot.rateLimit.perTenSeconds ?? tier.perTenSeconds,
    daily: config.hubspot.rateLimit.daily ?? tier.daily,
  };
}
