import { z as zod } from 'zod';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { outputFieldsOf } from '../fields/from-zod';
import { callRelay } from '../relay';
import { dealSample } from '../samples/actions';
import { dealAnswerSchema, dealSchema } from '../schemas/relay';
import { leadIdField } from './lead-fields';

const optionalText = zod.preprocess((value) => (value === '' || value === null ? undefined : value), zod.string().trim().min(1).optional());

/** Create Deal's input as Zapier sends it (text boxes send strings; empty optional fields are left out). */
const createDealInputSchema = zod.object({
  lead_id: zod.string().trim().min(1),
  pipeline_id: optionalText,
  stage_id: optionalText,
  owner_id: optionalText,
  name: optionalText,
  amount: zod.preprocess((value) => (value === '' || value === null ? undefined : value), zod.coerce.number().nonnegative().optional()),
  // Zapier sends datetimes as ISO text in the user's zone; the relay wants that calendar day (YYYY-MM-DD).
  close_date: zod.preprocess((value) => (value === '' || value === null ? undefined : value), zod.string().regex(/^\d{4}-\d{2}-\d{2}/).transform((text) => text.slice(0, 10)).optional()),
});

/** POST /v1/deals: the deal is written to the CRM now, linked to the lead's contact and company. */
export const createDeal = {
  key: 'create_deal',
  noun: 'Deal',
  display: { label: 'Create Deal', description: 'Creates a deal in your CRM for a lead, in the pipeline and stage you choose.' },
  operation: {
    inputFields: [
      leadIdField,
      { key: 'pipeline_id', label: 'Pipeline', dynamic: 'pipeline_list.id.label', altersDynamicFields: true, helpText: "Empty: the workspace's default pipeline." },
      { key: 'stage_id', label: 'Stage', dynamic: 'stage_list.id.label', helpText: "The stages of the pipeline chosen above. Empty: the stage your deal settings name, else the pipeline's first open stage." },
      { key: 'amount', label: 'Amount', type: 'number' as const, helpText: "In your CRM's currency. Empty: the lead's estimated value." },
      { key: 'owner_id', label: 'Owner', dynamic: 'owner_list.id.label', helpText: "Empty: the lead's owner, or the workspace's default owner." },
      { key: 'close_date', label: 'Close Date', type: 'datetime' as const },
      { key: 'name', label: 'Deal Name', helpText: 'Empty: the relay names the deal after the lead.' },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const input = createDealInputSchema.safeParse(bundle.inputData);
      if (!input.success) {
        throw new z.errors.Error(`Check the deal fields: ${input.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}.`, 'request.invalid', 422);
      }
      const { deal } = await callRelay(z, bundle, { method: 'POST', path: '/v1/deals', body: input.data }, dealAnswerSchema);
      return deal;
    },
    sample: dealSample,
    outputFields: outputFieldsOf(dealSchema, { id: 'Deal ID', url: 'CRM Deal Link', lead_id: 'Lead ID', pipeline_id: 'Pipeline ID', stage_id: 'Stage ID', owner_id: 'Owner ID' }),
  },
};
