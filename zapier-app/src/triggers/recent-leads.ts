import type { Bundle, ZObject } from 'zapier-platform-core';
import { callRelay } from '../relay';
import { leadViewSchema, pageOf } from '../schemas/relay';
import type { LeadView } from '../schemas/relay';

/** How many recent items performList shows (Zapier's guideline for sample lists: about 100). */
export const recentLimit = 100;

/** The newest leads (GET /v1/leads answers newest first), optionally of one qualification status. */
export async function recentLeads(z: ZObject, bundle: Bundle, status?: 'qualified'): Promise<LeadView[]> {
  const page = await callRelay(z, bundle, { path: '/v1/leads', params: { limit: recentLimit, status } }, pageOf(leadViewSchema));
  return page.data;
}
