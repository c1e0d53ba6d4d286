import { callRelay } from '../relay';
import { leadViewSchema, pageOf } from '../schemas/relay';
import { dropdownPageSize, dropdownTrigger } from './dropdown';

/** Leads for the "Lead" dropdowns, newest first, paged with the relay's cursor (kept by z.cursor between pages). */
export const leadList = dropdownTrigger({
  key: 'lead_list',
  noun: 'Lead',
  label: 'List Leads',
  description: 'Triggers when a lead is added (lists leads for the lead dropdowns).',
  perform: async (z, bundle) => {
    const cursor = bundle.meta?.page ? await z.cursor.get() : undefined;
    const page = await callRelay(z, bundle, { path: '/v1/leads', params: { limit: dropdownPageSize, cursor: cursor || undefined } }, pageOf(leadViewSchema));
    await z.cursor.set(page.next_cursor ?? '');
    // The email tells apart two leads with the same name.
    return page.data.map((lead) => ({ ...lead, label: lead.email ? `${lead.name} (${lead.email})` : lead.name }));
  },
});
