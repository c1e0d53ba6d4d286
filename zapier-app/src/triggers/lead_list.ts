import type { Bundle, ZObject } from 'zapier-platform-core';
import { callRelay } from '../relay';
import { leadViewSchema, pageOf } from '../schemas/relay';
import type { LeadView } from '../schemas/relay';
import { dropdownPageSize, dropdownTrigger } from './dropdown';

/**
 * Page `bundle.meta.page` of the leads, newest first. The relay pages by cursor; walking the cursors from the
 * first page keeps this stateless (z.cursor would need Zapier's RPC, which the app tester cannot reach), and
 * users seldom scroll a dropdown past a few pages of 100.
 */
async function leadPage(z: ZObject, bundle: Bundle): Promise<LeadView[]> {
  const wanted = Math.max(0, Number(bundle.meta?.page ?? 0));
  let cursor: string | undefined;
  for (let index = 0; ; index += 1) {
    const page = await callRelay(z, bundle, { path: '/v1/leads', params: { limit: dropdownPageSize, cursor } }, pageOf(leadViewSchema));
    if (index === wanted) return page.data;
    if (page.next_cursor === null) return [];
    cursor = page.next_cursor;
  }
}

/** Leads for the "Lead" dropdowns. */
export const leadList = dropdownTrigger({
  key: 'lead_list',
  noun: 'Lead',
  label: 'List Leads',
  description: 'Triggers when a lead is added (lists leads for the lead dropdowns).',
  perform: async (z, bundle) =>
    // The email tells apart two leads with the same name.
    (await leadPage(z, bundle)).map((lead) => ({ ...lead, label: lead.email ? `${lead.name} (${lead.email})` : lead.name })),
});
