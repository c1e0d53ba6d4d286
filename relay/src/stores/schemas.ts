import { z } from 'zod';
import { crmContactSchema, crmObjectTypeSchema, errorCodes, syncLogStatuses } from '@synaptiq/shared';
import type { ErrorCode } from '@synaptiq/shared';

/** Zod schemas for what the stores accept and read back, where the shared ports only have TypeScript types. */

export const syncErrorJsonSchema = z.object({
  code: z.custom<ErrorCode>((value) => typeof value === 'string' && Object.hasOwn(errorCodes, value), 'unknown error code'),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
  retry_after_ms: z.number().optional(),
});

export const dedupDecisionSchema = z.object({
  outcome: z.enum(['match', 'review', 'no_match']),
  rule: z.enum(['email', 'phone', 'name_company', 'none']),
  score: z.number(),
  record: crmContactSchema.optional(),
  evidence: z.array(z.string()),
});

export const syncLogEntrySchema = z.object({
  id: z.string().min(1),
  workspace_id: z.string().min(1),
  at: z.string(),
  event_id: z.string().nullable(),
  lead_id: z.string().nullable(),
  record_type: crmObjectTypeSchema,
  action: z.string().min(1),
  status: z.enum(syncLogStatuses),
  crm_id: z.string().nullable(),
  crm_url: z.string().nullable(),
  error: syncErrorJsonSchema.nullable(),
  message: z.string().nullable(),
  retry_count: z.number().int().nonnegative(),
});

export const deliveryStatuses = ['pending', 'succeeded', 'failed', 'dead'] as const;

/** A message handed to DeliveryStore.enqueue. */
export const deliveryMessageSchema = z.object({
  id: z.string().min(1),
  workspace_id: z.string().min(1),
  subscription_id: z.string().min(1),
  message_id: z.string().min(1),
  event: z.string().min(1),
  payload: z.unknown(),
  next_attempt_at: z.string().nullable(),
  created_at: z.string(),
});
