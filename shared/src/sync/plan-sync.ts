import { SyncError } from '../errors';
import type { Lead, SynaptiqEvent } from '../schemas/events';
import type { WorkspaceSettings } from '../schemas/settings';
import { effectiveMapping } from '../mapping/default-mappings';
import { leadEmail } from '../mapping/lead-values';
import { providerProfile } from '../mapping/provider-profile';
import { keys, type SyncPlan } from './operations';
import { companyKeys, planCompany } from './plan-company';
import { planContact } from './plan-contact';
import { existingRecord, type PlanDraft, type PlanSyncInput } from './plan-context';
import { planDeal } from './plan-deal';
import { isMeetingEvent, planMeeting, planNote } from './plan-activities';

export type { CrmContext, PlanSyncInput } from './plan-context';

export interface PlannedSync extends SyncPlan {
  /** The round-robin cursor after this plan (moved when a new deal got an owner): save it as the workspace's. */
  ownerCursor: number;
}

const hasField: Record<WorkspaceSettings['required_lead_fields'][number], (lead: Lead) => boolean> = {
  email: (lead) => leadEmail(lead) !== undefined,
  phone: (lead) => Boolean(lead.phone?.trim()),
  company: (lead) => Boolean(lead.company?.name?.trim() || lead.company?.domain?.trim()),
  name: (lead) => Boolean(lead.name.trim()),
};

/**
 * Plans the CRM writes one event calls for: ordered operations (company, contact, deal, note, meeting), each
 * with its idempotency key, and what is not written with the reason. PURE: the links, the dedup decision, the
 * pipelines and owners and the time come in; re-planning with the links a (partial) run recorded never creates
 * a key twice, because a linked key always becomes an update or is skipped.
 */
export function planSync(input: PlanSyncInput): PlannedSync {
  const lead = input.event.data.lead;
  const draft: PlanDraft = {
    input,
    lead,
    profile: providerProfile(input.settings),
    mapping: effectiveMapping(input.settings),
    operations: [],
    skipped: [],
    ownerCursor: input.crm.ownerCursor,
  };
  const plan = () => ({ eventId: input.event.id, leadId: lead.id, operations: draft.operations, skipped: draft.skipped, ownerCursor: draft.ownerCursor });

  const missing = input.settings.required_lead_fields.filter((field) => !hasField[field](lead));
  if (missing.length > 0 && !existingRecord(draft, keys.contact(lead.id))) {
    const error = new SyncError('lead.missing_required_fields', `The lead has no ${missing.join(', ')} yet, which the workspace requires before anything is written to the CRM; a later event with it syncs the lead.`, {
      details: { missing },
    });
    draft.skipped.push({ key: keys.contact(lead.id), objectType: 'contact', reason: error.message, error: error.toJSON() });
    return plan();
  }

  const companyKey = planCompany(draft);
  const contactKey = planContact(draft, companyKey);
  const dealKey = planDeal(draft, contactKey, companyKey);
  planNote(draft, [contactKey, companyKey, dealKey]);
  planMeeting(draft, [contactKey, companyKey, dealKey]);
  return plan();
}

/** Every key a plan for this event may read, so the caller can fetch their links in one call. */
export function keysForEvent(event: SynaptiqEvent): string[] {
  const lead = event.data.lead;
  const company = companyKeys(lead);
  return [
    keys.contact(lead.id),
    keys.contactLinkOnly(lead.id),
    keys.deal(lead.id),
    ...[company.byDomain, company.byName].filter((key): key is string => key !== undefined),
    ...(event.type === 'conversation.completed' ? [keys.note(lead.id, event.data.conversation.id)] : []),
    ...(isMeetingEvent(event) ? [keys.meeting(lead.id, event.data.meeting.id)] : []),
  ];
}
