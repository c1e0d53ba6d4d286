import { z } from 'zod';
import type { CrmValue } from '../schemas/crm';
import type { Lead } from '../schemas/events';
import type { MappedObject, SynaptiqField } from '../schemas/settings';
import { clampScore, normalizeDomain, sizeToEmployeeCount, splitName } from './transforms';

/** What a mapped value can be computed from. Deal values are resolved by the planner (stage ids need pipelines). */
export interface MappingContext {
  lead: Lead;
  conversationId?: string | undefined;
  deal?: { name: string; stageId?: string | undefined; amount?: number | null | undefined } | undefined;
}

type ValueOf = (context: MappingContext) => CrmValue | undefined;

const emailSchema = z.email();

/**
 * The lead's email, trimmed and lower-cased, or undefined when it is not a well-formed address: a CRM rejects
 * such a contact outright, so it counts as "no email yet" rather than failing the lead's whole sync.
 */
export function leadEmail(lead: Pick<Lead, 'email'>): string | undefined {
  const email = lead.email?.trim().toLowerCase();
  return email && emailSchema.safeParse(email).success ? email : undefined;
}

const text = (value: string | null | undefined): string | undefined => (value && value.trim() !== '' ? value.trim() : undefined);

/** Each Synaptiq field, per object, and how its value is read from the lead: the one table mapping applies. */
export const synaptiqValues: { [O in MappedObject]: Record<SynaptiqField<O>, ValueOf> } = {
  contact: {
    synaptiq_name: ({ lead }) => text(lead.name),
    synaptiq_first_name: ({ lead }) => text(lead.first_name) ?? splitName(lead.name).first,
    synaptiq_last_name: ({ lead }) => text(lead.last_name) ?? splitName(lead.name).last,
    synaptiq_email: ({ lead }) => leadEmail(lead),
    synaptiq_phone: ({ lead }) => text(lead.phone),
    synaptiq_title: ({ lead }) => text(lead.title),
    synaptiq_company: ({ lead }) => text(lead.company?.name),
    synaptiq_lead_source: ({ lead }) => text(lead.source),
    synaptiq_lead_score: ({ lead }) => clampScore(lead.score),
    synaptiq_lead_id: ({ lead }) => lead.id,
    synaptiq_qualification_status: ({ lead }) => lead.qualification_status ?? undefined,
    synaptiq_pain_points: ({ lead }) => (lead.pain_points?.length ? lead.pain_points.join('; ') : undefined),
    synaptiq_conversation_id: ({ conversationId }) => conversationId,
  },
  company: {
    synaptiq_company_name: ({ lead }) => text(lead.company?.name),
    synaptiq_company_domain: ({ lead }) => normalizeDomain(lead.company?.domain),
    synaptiq_industry: ({ lead }) => text(lead.company?.industry),
    synaptiq_company_size: ({ lead }) => sizeToEmployeeCount(lead.company?.size),
  },
  deal: {
    synaptiq_deal_name: ({ deal }) => deal?.name,
    synaptiq_qualification_status: ({ deal }) => deal?.stageId,
    synaptiq_estimated_value: ({ deal }) => deal?.amount ?? undefined,
    synaptiq_lead_id: ({ lead }) => lead.id,
  },
};

/** The kind of value each Synaptiq field writes (all others are text), to check a mapping's CRM property types. */
export const numericFields: ReadonlySet<string> = new Set(['synaptiq_lead_score', 'synaptiq_company_size', 'synaptiq_estimated_value']);
