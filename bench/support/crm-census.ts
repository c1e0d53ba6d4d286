import type { RunningSandbox } from '@synaptiq/sandbox-crm';
import type { CrmObjectType, CrmProvider } from '@synaptiq/shared';

/** Where each unified object lives in the sandbox, and the field that identifies it (email or the Synaptiq key). */
const places: Record<CrmProvider, Record<Exclude<CrmObjectType, 'owner'> & string, { type: string; identity: string }>> = {
  hubspot: {
    contact: { type: 'contacts', identity: 'email' },
    company: { type: 'companies', identity: 'synaptiq_key' },
    deal: { type: 'deals', identity: 'synaptiq_key' },
    note: { type: 'notes', identity: 'synaptiq_key' },
    meeting: { type: 'meetings', identity: 'synaptiq_key' },
  },
  salesforce: {
    contact: { type: 'Lead', identity: 'Email' },
    company: { type: 'Account', identity: 'Synaptiq_Key__c' },
    deal: { type: 'Opportunity', identity: 'Synaptiq_Key__c' },
    note: { type: 'Task', identity: 'Synaptiq_Key__c' },
    meeting: { type: 'Event', identity: 'Synaptiq_Key__c' },
  },
};

export interface CensusEntry {
  records: number;
  /** Records whose identity (email / key) another record also has: duplicates. */
  duplicates: number;
  /** Records without an identity value (cannot be checked for duplicates). */
  unidentified: number;
}

/** Counts the sandbox's records per unified object type and finds duplicates by email or Synaptiq key. */
export function crmCensus(sandbox: RunningSandbox, crm: CrmProvider): Record<string, CensusEntry> {
  const census: Record<string, CensusEntry> = {};
  for (const [objectType, place] of Object.entries(places[crm])) {
    const values: unknown[] =
      crm === 'hubspot'
        ? [...sandbox.state.hubspot.recordsOf(place.type as never).values()].map((record) => record.properties[place.identity])
        : [...(sandbox.state.salesforce.records.get(place.type)?.values() ?? [])].map((record) => record.fields[place.identity]);
    const seen = new Map<string, number>();
    let unidentified = 0;
    for (const value of values) {
      if (typeof value !== 'string' || value === '') unidentified += 1;
      else seen.set(value.toLowerCase(), (seen.get(value.toLowerCase()) ?? 0) + 1);
    }
    const duplicates = [...seen.values()].filter((n) => n > 1).reduce((total, n) => total + n - 1, 0);
    census[objectType] = { records: values.length, duplicates, unidentified };
  }
  return census;
}
