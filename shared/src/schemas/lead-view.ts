import { z } from 'zod';
import { companySchema, leadSchema, qualificationStatusSchema } from './events';

/**
 * The lead as the relay shows it: GET /v1/leads, the lead.* hook payloads, and every Zapier trigger, search and
 * action that returns a lead. One definition: the relay's answers, its OpenAPI document and the Zapier app's
 * output fields and samples all come from here, so a renamed or retyped field changes them together.
 * Field types come from the inbound lead schema; a field the lead may lack is `null` here, never absent.
 */

const isoDateTime = z.iso.datetime({ offset: true });
const linkedRecordSchema = z.object({ id: z.string(), url: z.string().nullable() }).nullable();

/** `nullish()` inbound becomes present-but-nullable outbound. */
const shown = <T extends z.ZodType>(field: z.ZodOptional<z.ZodNullable<T>>): z.ZodNullable<T> => field.unwrap();

const lead = leadSchema.shape;
const company = companySchema.shape;

/** Why the dedup step matched, flagged or created a lead (DedupDecision, without the CRM record itself). */
export const dedupViewSchema = z.object({
  outcome: z.enum(['match', 'review', 'no_match']),
  rule: z.enum(['email', 'phone', 'name_company', 'none']),
  score: z.number().min(0).max(1),
  matched_record_id: z.string().nullable(),
  evidence: z.array(z.string()),
});
export type DedupView = z.infer<typeof dedupViewSchema>;

export const leadViewSchema = z.object({
  id: lead.id,
  name: lead.name,
  first_name: shown(lead.first_name),
  last_name: shown(lead.last_name),
  email: shown(lead.email),
  phone: shown(lead.phone),
  title: shown(lead.title),
  company: z
    .object({ name: shown(company.name), domain: shown(company.domain), size: shown(company.size), industry: shown(company.industry) })
    .nullable(),
  qualification_status: qualificationStatusSchema.nullable(),
  score: shown(lead.score),
  source: shown(lead.source),
  created_at: isoDateTime,
  updated_at: isoDateTime,
  crm: z.object({ provider: z.string(), contact: linkedRecordSchema, company: linkedRecordSchema, deal: linkedRecordSchema }),
  owner: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  dedup: dedupViewSchema.nullable(),
  review: z.object({ state: z.enum(['open', 'kept_separate', 'merged']) }).nullable(),
});
export type LeadView = z.infer<typeof leadViewSchema>;
