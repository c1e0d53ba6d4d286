import { leadSample } from '../samples/lead';
import { leadViewSchema } from '../schemas/relay';
import { hookTrigger } from './hook-trigger';
import { leadOutputFields } from './output-fields';
import { recentLeads } from './recent-leads';

export const newQualifiedLead = hookTrigger({
  key: 'new_qualified_lead',
  noun: 'Lead',
  label: 'New Qualified Lead',
  description: "Triggers when a lead meets your workspace's qualification rules.",
  event: 'lead.qualified',
  payload: leadViewSchema,
  list: (z, bundle) => recentLeads(z, bundle, 'qualified'),
  sample: leadSample,
  outputFields: leadOutputFields,
});
