import type { CrmObjectType, PropertyDefinition } from '../schemas/crm';
import type { CrmProvider, WorkspaceSettings } from '../schemas/settings';
import { effectiveMapping } from './default-mappings';
import { providerProfile } from './provider-profile';

/** A custom property the sync writes, on the unified object type it belongs to. */
export interface RequiredCustomProperty extends PropertyDefinition {
  objectType: CrmObjectType;
}

type Need = 'mapped' | 'review' | 'key';
interface CatalogEntry extends RequiredCustomProperty {
  /** mapped: needed while the mapping writes to it; review: while duplicates can be flagged; key: always. */
  need: Need;
}

const keyDescription = 'Synaptiq idempotency key: lets a retried write update the record it created instead of creating another.';
const leadIdDescription = 'Synaptiq lead id; unique, so an adapter can create people idempotently by upserting on it.';
const keyed = (objectTypes: CrmObjectType[], name: string, label: string): CatalogEntry[] =>
  objectTypes.map((objectType) => ({ objectType, name, label, type: 'string', unique: true, description: keyDescription, need: 'key' }));

const catalogs: Record<WorkspaceSettings['crm'], CatalogEntry[]> = {
  hubspot: [
    { objectType: 'contact', name: 'synaptiq_lead_score', label: 'Synaptiq lead score', type: 'number', description: 'Lead score from 0 to 100.', need: 'mapped' },
    { objectType: 'contact', name: 'synaptiq_lead_id', label: 'Synaptiq lead id', type: 'string', unique: true, description: leadIdDescription, need: 'mapped' },
    { objectType: 'contact', name: 'synaptiq_lead_source', label: 'Synaptiq lead source', type: 'string', need: 'mapped' },
    { objectType: 'contact', name: 'synaptiq_review_status', label: 'Synaptiq review status', type: 'string', description: 'possible_duplicate when Synaptiq suspects a duplicate.', need: 'review' },
    { objectType: 'contact', name: 'synaptiq_duplicate_of', label: 'Synaptiq suspected duplicate of', type: 'string', description: 'Record id of the suspected original.', need: 'review' },
    ...keyed(['company', 'deal', 'note', 'meeting'], 'synaptiq_key', 'Synaptiq key'),
  ],
  salesforce: [
    { objectType: 'contact', name: 'Lead_Score__c', label: 'Lead Score', type: 'number', description: 'Synaptiq lead score from 0 to 100.', need: 'mapped' },
    { objectType: 'contact', name: 'Synaptiq_Lead_Id__c', label: 'Synaptiq Lead Id', type: 'string', unique: true, description: leadIdDescription, need: 'mapped' },
    { objectType: 'contact', name: 'Synaptiq_Review_Status__c', label: 'Synaptiq Review Status', type: 'string', need: 'review' },
    { objectType: 'contact', name: 'Synaptiq_Duplicate_Of__c', label: 'Synaptiq Duplicate Of', type: 'string', need: 'review' },
    // Task and Event share the Activity object's custom fields: created once (on the Task), it is on both.
    ...keyed(['company', 'deal', 'note'], 'Synaptiq_Key__c', 'Synaptiq Key'),
  ],
};

/**
 * The custom properties this workspace's sync writes: the custom fields its mapping uses, the review tags
 * (unless duplicates are never flagged) and the idempotency key on every object created by key.
 */
export function requiredCustomProperties(
  provider: CrmProvider,
  workspaceSettings: Pick<WorkspaceSettings, 'salesforce' | 'field_mapping' | 'duplicate_strategy'>,
): RequiredCustomProperty[] {
  const settings = { ...workspaceSettings, crm: provider };
  const mapping = effectiveMapping(settings);
  const review = providerProfile(settings).review;
  const mappedNames = new Set(Object.values(mapping.contact).filter((name): name is string => Boolean(name)));
  const needed: Record<Need, (entry: CatalogEntry) => boolean> = {
    mapped: (entry) => mappedNames.has(entry.name),
    review: (entry) => settings.duplicate_strategy !== 'always_create' && [review.status, review.duplicateOf].includes(entry.name),
    key: () => true,
  };
  return catalogs[settings.crm].filter((entry) => needed[entry.need](entry)).map(({ need: _need, ...definition }) => definition);
}
