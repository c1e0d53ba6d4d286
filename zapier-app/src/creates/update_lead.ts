import type { Bundle, ZObject } from 'zapier-platform-core';
import { callRelay } from '../relay';
import { leadSample } from '../samples/lead';
import { leadViewSchema } from '../schemas/relay';
import { leadOutputFields } from '../triggers/output-fields';
import { leadBodyFrom, leadIdField, leadInputFields } from './lead-fields';

/** PATCH /v1/leads/:id: only the fields given change; the relay re-syncs the lead. */
export const updateLead = {
  key: 'update_lead',
  noun: 'Lead',
  display: { label: 'Update Lead', description: 'Updates a lead with new details and syncs the change to your CRM.' },
  operation: {
    inputFields: [
      leadIdField,
      ...leadInputFields({ allOptional: true }),
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const leadId = String(bundle.inputData.lead_id ?? '');
      const body = leadBodyFrom(z, bundle.inputData, { partial: true });
      return callRelay(z, bundle, { method: 'PATCH', path: `/v1/leads/${encodeURIComponent(leadId)}`, body }, leadViewSchema);
    },
    sample: leadSample,
    outputFields: leadOutputFields,
  },
};
