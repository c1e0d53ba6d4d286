import type { SyncError } from '../errors';
import type { CrmProperties } from '../schemas/crm';
import type { EventType, QualificationStatus } from '../schemas/events';
import { applyMapping } from '../mapping/apply-mapping';
import { resolveDealStage, type DealStatus } from '../mapping/deal-stage';
import { addDays, formatCrmDate } from '../mapping/transforms';
import { keys } from './operations';
import { pickOwner } from './owners';
import { associationsFor, existingRecord, recordIdOf, type PlanDraft } from './plan-context';

/** Events that state the status themselves; other events carry it in the lead. */
const statusOfEvent: Partial<Record<EventType, QualificationStatus>> = {
  'lead.qualified': 'qualified',
  'lead.disqualified': 'disqualified',
};

const laterStatuses: ReadonlySet<string> = new Set<DealStatus>(['won', 'lost', 'disqualified']);
const isLaterStatus = (status: string | undefined): status is Exclude<DealStatus, 'qualified'> => status !== undefined && laterStatuses.has(status);

/** Whether this event creates the deal: qualification (HubSpot), or per settings.salesforce.opportunity_on. */
function createsDeal(draft: PlanDraft, status: QualificationStatus | undefined): { creates: boolean; notYet: string } {
  const { settings, event } = draft.input;
  if (settings.crm === 'salesforce' && settings.salesforce.opportunity_on === 'meeting_booked') {
    return { creates: event.type === 'meeting.booked', notYet: 'Salesforce opportunities are created when a meeting is booked (settings.salesforce.opportunity_on)' };
  }
  return { creates: status === 'qualified', notYet: 'the lead is not qualified yet' };
}

const dealName = (draft: PlanDraft) => {
  const company = draft.lead.company?.name?.trim();
  return company ? `${company} – ${draft.lead.name}` : draft.lead.name;
};

type DealDraft = { draft: PlanDraft; key: string; status: QualificationStatus | undefined; skip: (reason: string, error?: SyncError) => undefined };

/** Plans the deal: created when qualified (or on a booked meeting in Salesforce), its stage moved on won/lost/disqualified. */
export function planDeal(draft: PlanDraft, contactKey: string | undefined, companyKey: string | undefined): string | undefined {
  const { input, lead } = draft;
  const key = keys.deal(lead.id);
  const skip = (reason: string, error?: SyncError) => {
    draft.skipped.push({ key, objectType: 'deal', reason, ...(error ? { error: error.toJSON() } : {}) });
    return undefined;
  };
  if (!input.settings.deal_creation.enabled) return skip('deal creation is turned off (/admin/settings > CRM > Deal Settings)');
  const status = statusOfEvent[input.event.type] ?? lead.qualification_status ?? undefined;
  const existing = existingRecord(draft, key);
  const deal: DealDraft = { draft, key, status, skip };
  if (existing) {
    updateDeal(deal, existing, [contactKey, companyKey]);
    return key;
  }
  return createDeal(deal, [contactKey, companyKey]);
}

/** An existing deal: its stage moves on a later status (never back to the initial stage), its amount follows the lead. */
function updateDeal({ draft, key, status, skip }: DealDraft, existing: { crmId: string | undefined }, attachTo: Array<string | undefined>): void {
  const { input, lead } = draft;
  const stageStatus = isLaterStatus(status) ? status : undefined;
  const stage = stageStatus ? resolveDealStage(input.settings.crm, input.settings.deal_creation, input.crm.pipelines, stageStatus) : undefined;
  if (stage && !stage.ok) {
    skip(stage.error.message, stage.error);
    return;
  }
  const properties = applyMapping('deal', pick(draft.mapping.deal, ['synaptiq_qualification_status', 'synaptiq_estimated_value']), {
    lead,
    deal: { name: dealName(draft), stageId: stage?.stage.id, amount: lead.estimated_value },
  });
  if (Object.keys(properties).length === 0) {
    skip('the deal exists and nothing in this event changes it');
    return;
  }
  const reason = `${input.event.type}: deal ${stageStatus ? `moved to ${stageStatus}` : 'amount'}`;
  // Associations again: a company first known after the deal was opened gets attached now (associating is idempotent).
  const associateWith = associationsFor(draft, attachTo);
  draft.operations.push({ key, objectType: 'deal', action: 'update', ...recordIdOf(existing), properties, associateWith, reason });
}

/** A new deal in the configured pipeline and initial stage, with amount, owner and (Salesforce) close date. */
function createDeal({ draft, key, status, skip }: DealDraft, attachTo: Array<string | undefined>): string | undefined {
  const { input, lead, profile } = draft;
  const { settings } = input;
  const trigger = createsDeal(draft, status);
  if (!trigger.creates) return skip(trigger.notYet);
  if (isLaterStatus(status)) return skip(`the lead is already ${status}: no deal is opened for it`);
  const associateWith = associationsFor(draft, attachTo);
  if (associateWith.length === 0) return skip('no contact or company of this lead is in the CRM to attach the deal to');
  const stage = resolveDealStage(settings.crm, settings.deal_creation, input.crm.pipelines, 'qualified');
  if (!stage.ok) return skip(stage.error.message, stage.error);

  const owner = pickOwner(settings.deal_creation, input.crm.owners, draft.ownerCursor);
  draft.ownerCursor = owner.nextCursor;
  const closeDate = formatCrmDate(settings.crm, 'date', addDays(input.now, settings.deal_creation.close_in_days));
  const structural: CrmProperties = {
    ...(profile.deal.pipeline ? { [profile.deal.pipeline]: stage.pipeline.id } : {}),
    ...(owner.ownerId ? { [profile.deal.owner]: owner.ownerId } : {}),
    ...(profile.deal.closeDate ? { [profile.deal.closeDate]: closeDate } : {}),
  };
  const mapped = applyMapping('deal', draft.mapping.deal, {
    lead,
    deal: { name: dealName(draft), stageId: stage.stage.id, amount: lead.estimated_value ?? settings.deal_creation.default_amount },
  });
  draft.operations.push({
    key,
    objectType: 'deal',
    action: 'create',
    properties: { ...structural, ...mapped },
    associateWith,
    reason: `${input.event.type}: new deal in "${stage.pipeline.label}" at "${stage.stage.label}"`,
  });
  return key;
}

function pick<T extends object, K extends keyof T>(object: T, names: K[]): Pick<T, K> {
  return Object.fromEntries(names.filter((name) => name in object).map((name) => [name, object[name]])) as Pick<T, K>;
}
