import type { CrmAdapter, CrmLink, DedupDecision, LeadRecord, Stores } from '@synaptiq/shared';

/** How a lead's CRM records are named and linked: the workspace's provider and its adapter's record URLs. */
export interface CrmNaming {
  provider: string;
  recordUrl: CrmAdapter['recordUrl'];
}
import { companyKeys } from '@synaptiq/shared/sync/plan-company';
import { keys } from '@synaptiq/shared/sync/operations';
import type { LeadView } from '../routes/responses';

export type { LeadView };

type Linked = LeadView['crm']['contact'];

export const dedupView = (decision: DedupDecision | null): LeadView['dedup'] =>
  decision && { outcome: decision.outcome, rule: decision.rule, score: decision.score, matched_record_id: decision.record?.id ?? null, evidence: decision.evidence };

/** The CRM links of a lead: its own keys, and the company keys its snapshot leads to. */
export async function linksOfLead(stores: Pick<Stores, 'links'>, workspaceId: string, record: LeadRecord): Promise<Map<string, CrmLink>> {
  const own = await stores.links.forLead(workspaceId, record.lead_id);
  const { byDomain, byName } = companyKeys(record.lead);
  const companies = await stores.links.getMany(workspaceId, [byDomain, byName].filter((key): key is string => key !== undefined));
  const links = new Map(own.map((link) => [link.key, link]));
  for (const [key, link] of companies) links.set(key, link);
  return links;
}

export function presentLead(record: LeadRecord, links: Map<string, CrmLink>, crm: CrmNaming): LeadView {
  const { lead } = record;
  const { byDomain, byName } = companyKeys(lead);
  const linked = (link: CrmLink | undefined): Linked =>
    link ? { id: link.crm_id, url: link.url ?? crm.recordUrl(link.object_type, link.crm_id) } : null;
  return {
    id: record.lead_id,
    name: lead.name,
    first_name: lead.first_name ?? null,
    last_name: lead.last_name ?? null,
    email: lead.email ?? null,
    phone: lead.phone ?? null,
    title: lead.title ?? null,
    company: lead.company
      ? { name: lead.company.name ?? null, domain: lead.company.domain ?? null, size: lead.company.size ?? null, industry: lead.company.industry ?? null }
      : null,
    qualification_status: record.status ?? null,
    score: lead.score ?? null,
    source: lead.source ?? null,
    created_at: record.created_at,
    updated_at: record.updated_at,
    crm: {
      provider: crm.provider,
      contact: linked(links.get(keys.contact(record.lead_id))),
      company: linked((byDomain && links.get(byDomain)) || (byName && links.get(byName)) || undefined),
      deal: linked(links.get(keys.deal(record.lead_id))),
    },
    owner: record.crm_owner && { id: record.crm_owner.id, name: record.crm_owner.name ?? null },
    dedup: dedupView(record.dedup),
    review: record.review && { state: record.review.state },
  };
}
