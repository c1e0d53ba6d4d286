import type { z } from 'zod';
import type { createLeadAnswerSchema, dealSchema, syncNowAnswerSchema } from '../schemas/relay';
import { leadSample } from './lead';

export const dealSample = {
  id: '1789',
  url: 'https://app.hubspot.com/contacts/2456789/record/0-3/1789',
  lead_id: 'lead_01HZX3',
  pipeline_id: 'default',
  stage_id: 'appointmentscheduled',
  amount: 24000,
  owner_id: '75030132',
  close_date: '2026-12-31',
  name: 'Analytical Engines Ltd – Synaptiq',
} satisfies z.infer<typeof dealSchema>;

export const syncNowSample = {
  pushed: 12,
  skipped: 1,
  failed: 0,
  remaining: 0,
  results: [{ event_id: 'evt_2Yk4m9QpX1', lead_id: 'lead_01HZX3', status: 'synced' }],
} satisfies z.infer<typeof syncNowAnswerSchema>;

/** Create Lead's output: the lead (as Find Lead returns it, so the search-or-create pair agrees) plus the event id. */
export const createLeadSample = {
  ...leadSample,
  crm: { ...leadSample.crm, contact: null, company: null, deal: null },
  event_id: 'evt_zap_5b9e21',
} satisfies z.infer<typeof createLeadAnswerSchema>['lead'] & { event_id: string };
