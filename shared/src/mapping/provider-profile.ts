import type { CrmObjectType } from '../schemas/crm';
import type { WorkspaceSettings } from '../schemas/settings';

/** The CRM-specific names the planner needs besides the field mapping. */
export interface ProviderProfile {
  displayName: string;
  /** The CRM's own name for each unified object type, for messages. */
  objectLabels: Record<CrmObjectType, string>;
  /** Properties that tag a record created as a possible duplicate (flag for review). */
  review: { status: string; duplicateOf: string };
  /** Deal properties outside the field mapping: null where the CRM has no such property. */
  deal: { pipeline: string | null; owner: string; closeDate: string | null };
  /** Whether the person record can be associated with a company record (a Salesforce Lead cannot). */
  personHasCompany: boolean;
  /** Values the CRM requires on create when the lead lacks them (Salesforce Lead: LastName, Company). */
  personRequiredFallbacks: Record<string, string>;
}

/** "[not provided]" is what Salesforce's own web-to-lead and HubSpot's connector write for a missing Company. */
const notProvided = '[not provided]';

export function providerProfile(settings: Pick<WorkspaceSettings, 'crm' | 'salesforce'>): ProviderProfile {
  if (settings.crm === 'hubspot') {
    return {
      displayName: 'HubSpot',
      objectLabels: { contact: 'contact', company: 'company', deal: 'deal', note: 'note', meeting: 'meeting' },
      review: { status: 'synaptiq_review_status', duplicateOf: 'synaptiq_duplicate_of' },
      deal: { pipeline: 'pipeline', owner: 'hubspot_owner_id', closeDate: null },
      personHasCompany: true,
      personRequiredFallbacks: {},
    };
  }
  const isLead = settings.salesforce.person_object === 'Lead';
  return {
    displayName: 'Salesforce',
    objectLabels: { contact: settings.salesforce.person_object, company: 'Account', deal: 'Opportunity', note: 'Task', meeting: 'Event' },
    review: { status: 'Synaptiq_Review_Status__c', duplicateOf: 'Synaptiq_Duplicate_Of__c' },
    deal: { pipeline: null, owner: 'OwnerId', closeDate: 'CloseDate' },
    personHasCompany: !isLead,
    personRequiredFallbacks: isLead ? { LastName: notProvided, Company: notProvided } : { LastName: notProvided },
  };
}
