import type { CrmProvider, Pipeline } from '@synaptiq/shared';

/**
 * What two-way sync reads of a changed CRM record, whatever the CRM: the lead fields a rep may
 * correct, the deal's stage and the owner. Pure: the record's properties come in, values go out.
 * Field names are the ones the adapters' listChanges reads (hubspot-search.ts changeProperties,
 * salesforce from-salesforce.ts readFields).
 */

export interface PulledContact {
  email?: string | undefined;
  phone?: string | undefined;
  first_name?: string | undefined;
  last_name?: string | undefined;
  title?: string | undefined;
  company?: string | undefined;
  owner_id?: string | undefined;
}

export interface PulledDeal {
  /** The lead status a closed stage means; undefined for open stages. */
  outcome?: 'won' | 'lost' | undefined;
  owner_id?: string | undefined;
}

type Properties = Record<string, unknown>;

/** A non-empty text value; empty and missing values never erase what the lead holds. */
const text = (value: unknown): string | undefined => {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

const contactFields: Record<CrmProvider, Record<Exclude<keyof PulledContact, 'company'>, string> & { company: string[] }> = {
  hubspot: { email: 'email', phone: 'phone', first_name: 'firstname', last_name: 'lastname', title: 'jobtitle', company: ['company'], owner_id: 'hubspot_owner_id' },
  // Lead carries Company; Contact carries its Account's name.
  salesforce: { email: 'Email', phone: 'Phone', first_name: 'FirstName', last_name: 'LastName', title: 'Title', company: ['Company', 'Account.Name'], owner_id: 'OwnerId' },
};

export function contactValues(provider: CrmProvider, properties: Properties): PulledContact {
  const fields = contactFields[provider];
  return {
    email: text(properties[fields.email]),
    phone: text(properties[fields.phone]),
    first_name: text(properties[fields.first_name]),
    last_name: text(properties[fields.last_name]),
    title: text(properties[fields.title]),
    company: fields.company.map((name) => text(properties[name])).find((value) => value !== undefined),
    owner_id: text(properties[fields.owner_id]),
  };
}

/** Closed Won → won, Closed Lost → lost, from the pipeline's stage metadata (closed, closedWon). */
export function dealValues(provider: CrmProvider, properties: Properties, pipelines: Pipeline[]): PulledDeal {
  if (provider === 'salesforce') {
    const stage = text(properties.StageName);
    const closed = typeof properties.IsClosed === 'boolean' ? properties.IsClosed : stageOf(pipelines, null, stage)?.closed;
    const won = typeof properties.IsWon === 'boolean' ? properties.IsWon : stageOf(pipelines, null, stage)?.closedWon;
    return { outcome: closed ? (won ? 'won' : 'lost') : undefined, owner_id: text(properties.OwnerId) };
  }
  const stage = stageOf(pipelines, text(properties.pipeline) ?? null, text(properties.dealstage));
  return { outcome: stage?.closed ? (stage.closedWon ? 'won' : 'lost') : undefined, owner_id: text(properties.hubspot_owner_id) };
}

/** A stage by id (or label) in the deal's pipeline, else in any pipeline. */
function stageOf(pipelines: Pipeline[], pipelineId: string | null, stage: string | undefined) {
  if (stage === undefined) return undefined;
  const candidates = pipelineId === null ? pipelines : [...pipelines.filter((p) => p.id === pipelineId), ...pipelines.filter((p) => p.id !== pipelineId)];
  for (const pipeline of candidates) {
    const found = pipeline.stages.find((s) => s.id === stage) ?? pipeline.stages.find((s) => s.label === stage);
    if (found) return found;
  }
  return undefined;
}
