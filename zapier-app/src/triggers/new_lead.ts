import { leadSample } from '../samples/lead';
import { leadViewSchema } from '../schemas/relay';
import { hookTrigger } from './hook-trigger';
import { leadOutputFields } from './output-fields';
import { recentLeads } from './recent-leads';

export const newLead = hookTrigger({
  key: 'new_lead',
  noun: 'Lead',
  label: 'New Lead',
  description: 'Triggers when a new lead is captured in a conversation.',
  event: 'lead.created',
  payload: leadViewSchema,
  list: (z, bundle) => recentLeads(z, bundle),
  sample: leadSample,
  outputFields: leadOutputFields,
});
