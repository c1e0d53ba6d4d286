import { z as zod } from 'zod';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { callRelay, relayBaseUrl } from '../relay';
import { throwRelayError } from '../middleware';
import { leadSample } from '../samples/lead';
import { leadViewSchema, pageOf } from '../schemas/relay';
import type { LeadView } from '../schemas/relay';
import { leadOutputFields } from '../triggers/output-fields';

const findLeadInputSchema = zod.object({
  lead_id: zod.string().trim().optional(),
  email: zod.string().trim().optional(),
  phone: zod.string().trim().optional(),
});

/** GET /v1/leads/:id, with a 404 meaning "no such lead" ([]), not a failed step. */
async function leadById(z: ZObject, bundle: Bundle, leadId: string): Promise<LeadView[]> {
  const response = await z.request({ url: `${relayBaseUrl(bundle)}/v1/leads/${encodeURIComponent(leadId)}`, skipThrowForStatus: true });
  if (response.status === 404) return [];
  if (response.status >= 400) throwRelayError(response, z);
  const parsed = leadViewSchema.safeParse(response.data);
  if (!parsed.success) throw new z.errors.Error('The relay answered GET /v1/leads/:id in an unexpected shape; check that the relay is up to date.', 'relay.unexpected_answer', response.status);
  return [parsed.data];
}

/** Find Lead: by id, else by email and/or phone (the relay matches normalized values); [] when nothing matches. */
export const findLead = {
  key: 'find_lead',
  noun: 'Lead',
  display: { label: 'Find Lead', description: 'Finds a lead by email address, phone number or lead ID.' },
  operation: {
    inputFields: [
      { key: 'email', label: 'Email' },
      { key: 'phone', label: 'Phone', helpText: 'Spaces and punctuation are ignored: `+44 20 7946 0958` finds `+442079460958`.' },
      { key: 'lead_id', label: 'Lead', dynamic: 'lead_list.id.label', helpText: 'Pick a lead, or map a lead ID from an earlier step.' },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const { lead_id: leadId, email, phone } = findLeadInputSchema.parse(bundle.inputData);
      if (leadId) return leadById(z, bundle, leadId);
      if (!email && !phone) throw new z.errors.Error('Fill in Email, Phone or Lead to search by.', 'request.invalid', 422);
      const page = await callRelay(z, bundle, { path: '/v1/leads', params: { email, phone, limit: 1 } }, pageOf(leadViewSchema));
      return page.data;
    },
    sample: leadSample,
    outputFields: leadOutputFields,
  },
};
