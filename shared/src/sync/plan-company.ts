import { normalizeCompanyName } from '../dedupe/normalize';
import type { Lead } from '../schemas/events';
import { applyMapping } from '../mapping/apply-mapping';
import { normalizeDomain } from '../mapping/transforms';
import { keys } from './operations';
import { existingRecord, recordIdOf, type PlanDraft } from './plan-context';

/**
 * Company keys: the normalized domain when known, else the normalized name. A company first seen by name and
 * later with its domain keeps its record: both keys are looked up, and the domain key is linked to it too.
 */
export function companyKeys(lead: Lead): { byDomain?: string; byName?: string } {
  const domain = normalizeDomain(lead.company?.domain);
  const name = normalizeCompanyName(lead.company?.name);
  return {
    ...(domain ? { byDomain: keys.company(domain) } : {}),
    ...(name ? { byName: keys.company(name) } : {}),
  };
}

/** Plans the company write; returns its key (for associations) when one is planned. */
export function planCompany(draft: PlanDraft): string | undefined {
  const { byDomain, byName } = companyKeys(draft.lead);
  const key = byDomain ?? byName;
  if (!key) {
    draft.skipped.push({ key: keys.company(''), objectType: 'company', reason: 'the lead has no company name or domain yet' });
    return undefined;
  }
  const properties = applyMapping('company', draft.mapping.company, { lead: draft.lead });
  const linkedKey = [byDomain, byName].find((candidate) => candidate !== undefined && existingRecord(draft, candidate));
  const existing = linkedKey ? existingRecord(draft, linkedKey) : undefined;
  if (linkedKey && existing) {
    draft.operations.push({
      key: linkedKey,
      objectType: 'company',
      action: 'update',
      ...recordIdOf(existing),
      properties,
      associateWith: [],
      reason: `${draft.input.event.type}: company details`,
      ...(linkedKey !== key ? { alsoLinkAs: [key] } : {}),
    });
    return linkedKey;
  }
  draft.operations.push({
    key,
    objectType: 'company',
    action: 'create',
    properties,
    associateWith: [],
    reason: `${draft.input.event.type}: new company`,
    ...(byDomain && byName ? { alsoLinkAs: [byName] } : {}),
  });
  return key;
}
