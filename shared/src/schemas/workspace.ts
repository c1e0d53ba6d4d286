import { z } from 'zod';
import { workspaceSettingsSchema } from './settings';

/**
 * A workspace as the configuration store keeps it. Secrets are stored encrypted
 * (`enc:v1:…` strings made by the relay's crypto module); API keys only as hashes.
 */

export const workspaceIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'use 1–63 lower-case letters, digits, "-" or "_"');

export const apiKeyRecordSchema = z.object({
  id: z.string(),
  /** The first characters of the key, to tell keys apart in lists ("sk_live_ab12…"). */
  prefix: z.string(),
  /** SHA-256 of the whole key, hex. */
  hash: z.string(),
  label: z.string().default('default'),
  created_at: z.string(),
  last_used_at: z.string().nullable().default(null),
});
export type ApiKeyRecord = z.infer<typeof apiKeyRecordSchema>;

/** Where two-way sync resumes reading one object type's changes. */
export const pullCursorSchema = z.object({
  /** The latest modified timestamp applied (ISO); the next poll reads from it minus an overlap window. */
  since: z.string(),
  /** `<modified>|<id>` of records already applied inside the overlap window, so a re-read applies nothing twice. */
  seen: z.array(z.string()).default([]),
});
export type PullCursor = z.infer<typeof pullCursorSchema>;

export const workspaceStatusSchema = z.object({
  /** Paused for an error only the user can fix (invalid property, revoked auth, daily quota). */
  paused: z.boolean().default(false),
  reason: z
    .object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).default({}) })
    .nullable()
    .default(null),
  since: z.string().nullable().default(null),
  /**
   * Hash of the settings and CRM connection the sync paused with (additive; absent on older pauses): when they
   * differ, the user may have fixed the cause and the worker resumes, even after a restart.
   */
  paused_configuration: z.string().optional(),
  last_batch_at: z.string().nullable().default(null),
  /** Two-way sync's progress (additive; absent until the first poll): see relay/src/services/two-way. */
  two_way: z
    .object({
      last_poll_at: z.string().nullable().default(null),
      cursors: z.partialRecord(z.enum(['contact', 'deal']), pullCursorSchema).default({}),
    })
    .optional(),
});
export type WorkspaceStatus = z.infer<typeof workspaceStatusSchema>;

export const workspaceSchema = z.object({
  id: workspaceIdSchema,
  name: z.string().min(1).max(200),
  created_at: z.string(),
  settings: workspaceSettingsSchema,
  /** Encrypted `whsec_…` secrets; the first signs nothing, all verify (two during rotation). */
  webhook_secrets: z.array(z.string()).min(1).max(2),
  api_keys: z.array(apiKeyRecordSchema).default([]),
  /** Encrypted JSON of a CrmConnection, or null when no CRM is connected (the sandbox is used by default). */
  crm_connection: z.string().nullable().default(null),
  status: workspaceStatusSchema.default({ paused: false, reason: null, since: null, last_batch_at: null }),
  /** Round-robin position for deal owner assignment. */
  owner_cursor: z.number().int().nonnegative().default(0),
});
export type Workspace = z.infer<typeof workspaceSchema>;

export const hookEvents = ['lead.created', 'lead.qualified', 'meeting.booked', 'lead.synced', 'sync.failed', 'lead.crm_updated'] as const;
export const hookEventSchema = z.enum(hookEvents);
export type HookEvent = z.infer<typeof hookEventSchema>;

export const subscriptionSchema = z.object({
  id: z.string(),
  workspace_id: workspaceIdSchema,
  event: hookEventSchema,
  target_url: z.url(),
  /** Encrypted `whsec_…` secret the deliveries are signed with. */
  secret: z.string(),
  created_at: z.string(),
  status: z.enum(['active', 'disabled']).default('active'),
  disabled_reason: z.string().nullable().default(null),
  /** When deliveries started failing without a success since (for disabling after days). */
  failing_since: z.string().nullable().default(null),
  /** Delivery health shown by GET /v1/hooks: when the last delivery attempt succeeded and failed. */
  last_success_at: z.string().nullable().default(null),
  last_failure_at: z.string().nullable().default(null),
});
export type Subscription = z.infer<typeof subscriptionSchema>;
