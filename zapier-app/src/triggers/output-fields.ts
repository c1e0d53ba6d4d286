import { outputFieldsOf } from '../fields/from-zod';
import { leadViewSchema } from '../schemas/relay';

/** Labels the key alone cannot spell right. */
export const leadLabels: Record<string, string> = {
  id: 'Lead ID',
  name: 'Full Name',
  score: 'Lead Score (0–100)',
  crm__contact__url: 'CRM Contact Link',
  crm__company__url: 'CRM Company Link',
  crm__deal__url: 'CRM Deal Link',
  dedup__score: 'Dedup Match Score (0–1)',
};

export const leadOutputFields = outputFieldsOf(leadViewSchema, leadLabels);
