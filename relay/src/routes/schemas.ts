import { z } from 'zod';
import { crmObjectTypeSchema, leadSchema, qualificationStatusSchema, syncLogStatuses, eventStatuses } from '@synaptiq/shared';
import { isoTimeQuery, pageQuerySchema } from '../http/paging';

/** Request schemas of the admin API: the routes parse with them, the OpenAPI document is built from them. */

export const leadListQuerySchema = pageQuerySchema.extend({
  status: qualificationStatusSchema.optional(),
  since: isoTimeQuery.optional(),
  until: isoTimeQuery.optional(),
  email: z.string().trim().min(1).max(254).optional(),
  phone: z.string().trim().min(1).max(64).optional(),
});

export const leadInputSchema = leadSchema.extend({ id: leadSchema.shape.id.optional() });
/** `?wait=true`: answer after the worker ran the lead (real-time mode, up to 10 s), so `dedup` is known. */
export const leadSubmitQuerySchema = z.object({
  wait: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
});

export const leadPatchSchema = leadSchema.omit({ id: true }).partial();

const ymd = z.iso.date();
export const dealInputSchema = z.object({
  lead_id: z.string().trim().min(1).max(128),
  pipeline_id: z.string().trim().min(1).max(128).optional(),
  stage_id: z.string().trim().min(1).max(128).optional(),
  amount: z.number().nonnegative().optional(),
  owner_id: z.string().trim().min(1).max(128).optional(),
  close_date: ymd.optional(),
  name: z.string().trim().min(1).max(255).optional(),
});
export type DealInput = z.infer<typeof dealInputSchema>;

export const syncLogQuerySchema = pageQuerySchema.extend({
  status: z.enum(syncLogStatuses).optional(),
  record_type: crmObjectTypeSchema.optional(),
  lead_id: z.string().trim().min(1).max(128).optional(),
  since: isoTimeQuery.optional(),
  until: isoTimeQuery.optional(),
});

export const eventListQuerySchema = pageQuerySchema.extend({
  status: z.enum(eventStatuses).optional(),
  lead_id: z.string().trim().min(1).max(128).optional(),
});

export const propertiesQuerySchema = z.object({ object: z.enum(['contact', 'company', 'deal']) });

export const reviewResolutionSchema = z.object({ resolution: z.enum(['keep_separate', 'merge']) });

/** `?create_missing_properties=true` on PUT/PATCH /v1/settings: "Create in CRM" in the same step. */
export const settingsQuerySchema = z.object({
  create_missing_properties: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
});
