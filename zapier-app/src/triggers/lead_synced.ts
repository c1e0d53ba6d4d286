import { leadSample } from '../samples/lead';
import { leadViewSchema } from '../schemas/relay';
import { hookTrigger } from './hook-trigger';
import { leadOutputFields } from './output-fields';
import { recentLeads } from './recent-leads';

export const leadSynced = hookTrigger({
  key: 'lead_synced',
  noun: 'Lead',
  label: 'Lead Synced to CRM',
  description: 'Triggers when a lead is written to your CRM, with the CRM record IDs and links.',
  event: 'lead.synced',
  payload: leadViewSchema,
  // The newest leads that have a CRM contact: the same LeadView the lead.synced hook carries.
  list: async (z, bundle) => (await recentLeads(z, bundle)).filter((lead) => lead.crm.contact !== null),
  sample: leadSample,
  outputFields: leadOutputFields,
});
