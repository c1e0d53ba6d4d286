import type { Bundle, ZObject } from 'zapier-platform-core';
import { outputFieldsOf } from '../fields/from-zod';
import { callRelay } from '../relay';
import { createLeadSample } from '../samples/actions';
import { createLeadAnswerSchema, leadViewSchema } from '../schemas/relay';
import { leadLabels } from '../triggers/output-fields';
import { leadBodyFrom, leadInputFields } from './lead-fields';

/**
 * POST /v1/leads: the lead enters the same pipeline as a Synaptiq webhook (mapping, dedup, CRM write). The answer is
 * the lead as Find Lead shows it (so Find or Create Lead gives one shape) plus the event id; `dedup` holds the
 * decision once the worker has made it (null while the lead waits in the queue).
 */
export const createLead = {
  key: 'create_lead',
  noun: 'Lead',
  display: { label: 'Create Lead', description: 'Creates a lead from any app, deduplicated against your CRM before it is synced.' },
  operation: {
    inputFields: leadInputFields(),
    perform: async (z: ZObject, bundle: Bundle) => {
      const body = leadBodyFrom(z, bundle.inputData, { partial: false });
      const answer = await callRelay(z, bundle, { method: 'POST', path: '/v1/leads', body }, createLeadAnswerSchema);
      return { ...answer.lead, dedup: answer.dedup ?? answer.lead.dedup, event_id: answer.event_id };
    },
    sample: createLeadSample,
    outputFields: [...outputFieldsOf(leadViewSchema, leadLabels), { key: 'event_id', label: 'Event ID', type: 'string' as const }],
  },
};
