import type { DuplicateStrategy } from '../schemas/settings';
import { noMatch, type DedupDecision } from '../dedupe/types';
import { applyMapping } from '../mapping/apply-mapping';
import { leadEmail } from '../mapping/lead-values';
import { keys, type SyncOperation } from './operations';
import { existingRecord, recordIdOf, type PlanDraft } from './plan-context';

/** What to do with the contact, from the duplicate strategy and the dedup outcome. */
type Resolution = 'upsert' | 'create' | 'create_flagged' | 'update_match' | 'link_match';

/**
 * crm-sync.md "Resolution strategies". A `review` outcome is never merged automatically: outside always_create
 * it becomes a new record tagged for review, so a false merge cannot happen.
 */
const resolutions: Record<DuplicateStrategy, Record<DedupDecision['outcome'], Resolution>> = {
  update_existing: { match: 'update_match', review: 'create_flagged', no_match: 'upsert' },
  skip: { match: 'link_match', review: 'create_flagged', no_match: 'upsert' },
  always_create: { match: 'create', review: 'create', no_match: 'upsert' },
  flag_for_review: { match: 'create_flagged', review: 'create_flagged', no_match: 'upsert' },
};

const creates: ReadonlySet<Resolution> = new Set(['upsert', 'create', 'create_flagged']);

export const possibleDuplicate = 'possible_duplicate';

/** Plans the contact write; returns its key when the contact is (or will be) in the CRM. */
export function planContact(draft: PlanDraft, companyKey: string | undefined): string | undefined {
  const { input, lead, profile } = draft;
  const key = keys.contact(lead.id);
  const conversationId = input.event.type === 'conversation.completed' ? input.event.data.conversation.id : undefined;
  const properties = applyMapping('contact', draft.mapping.contact, { lead, conversationId });
  const associateWith = profile.personHasCompany && companyKey ? [companyKey] : [];
  const base = { key, objectType: 'contact' as const, associateWith };
  const existing = existingRecord(draft, key);
  const linkOnly = existingRecord(draft, keys.contactLinkOnly(lead.id));
  if (existing?.crmId && linkOnly && input.settings.duplicate_strategy === 'skip') {
    // Skip means the matched record is never written to, on this event or any later one.
    draft.operations.push({ ...base, action: 'link', recordId: existing.crmId, properties: {}, associateWith: [], reason: `${input.event.type}: contact linked to an existing record (skip strategy), not updated` });
    return key;
  }
  if (existing) {
    draft.operations.push({ ...base, action: 'update', ...recordIdOf(existing), properties, reason: `${input.event.type}: contact details` });
    return key;
  }

  const email = leadEmail(lead);
  if (!email) {
    draft.skipped.push({ key, objectType: 'contact', reason: 'the lead has no email yet: the contact is created once it gives one (crm-sync.md)' });
    return undefined;
  }
  // A match or review without a record to point at cannot be acted on: treat it as no match.
  const decision = input.decision && (input.decision.record || input.decision.outcome === 'no_match') ? input.decision : noMatch;
  let resolution = resolutions[input.settings.duplicate_strategy][decision.outcome];
  const record = decision.record;
  // HubSpot keeps one contact per email: a "create" of an email it already has can only update that contact.
  if (input.settings.crm === 'hubspot' && record?.email?.trim().toLowerCase() === email && (resolution === 'create' || resolution === 'create_flagged')) {
    resolution = 'update_match';
  }
  if (creates.has(resolution) && !input.settings.contact_creation) {
    draft.skipped.push({ key, objectType: 'contact', reason: 'contact creation is turned off (/admin/settings > CRM)' });
    return undefined;
  }

  const evidence = record ? ` ${record.id} (${decision.rule}, score ${decision.score.toFixed(2)})` : '';
  const withFallbacks = { ...profile.personRequiredFallbacks, ...properties };
  const operations: Record<Resolution, () => SyncOperation> = {
    upsert: () => ({ ...base, action: 'upsert', matchBy: { field: 'email', value: email }, properties: withFallbacks, reason: `${input.event.type}: new contact` }),
    create: () => ({ ...base, action: 'create', properties: withFallbacks, reason: `${input.event.type}: new contact (always create, despite${evidence})` }),
    create_flagged: () => ({
      ...base,
      action: 'create',
      properties: { ...withFallbacks, [profile.review.status]: possibleDuplicate, [profile.review.duplicateOf]: record?.id ?? null },
      review: true,
      reason: `${input.event.type}: new contact flagged for review as a possible duplicate of${evidence}`,
    }),
    update_match: () => ({ ...base, action: 'update', recordId: record?.id ?? '', properties, reason: `${input.event.type}: updated the existing contact${evidence}` }),
    link_match: () => ({
      ...base,
      action: 'link',
      recordId: record?.id ?? '',
      properties: {},
      associateWith: [],
      alsoLinkAs: [keys.contactLinkOnly(lead.id)],
      reason: `${input.event.type}: linked to the existing contact${evidence} (skip strategy)`,
    }),
  };
  draft.operations.push(operations[resolution]());
  return key;
}
