import type { LeadView } from '../schemas/relay';

/** A qualified lead synced to HubSpot: what New Lead, Lead Synced, Find Lead and the lead hooks return. */
export const leadSample = {
  id: 'lead_01HZX3',
  name: 'Ada Lovelace',
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada@analytical.example',
  phone: '+44 20 7946 0958',
  title: 'CTO',
  company: { name: 'Analytical Engines Ltd', domain: 'analytical.example', size: '51-200', industry: 'Software' },
  qualification_status: 'qualified',
  score: 87,
  source: 'website_chat',
  created_at: '2026-11-24T15:04:05+00:00',
  updated_at: '2026-11-24T15:09:41+00:00',
  crm: {
    provider: 'hubspot',
    contact: { id: '51', url: 'https://app.hubspot.com/contacts/2456789/record/0-1/51' },
    company: { id: '8', url: 'https://app.hubspot.com/contacts/2456789/record/0-2/8' },
    deal: { id: '1789', url: 'https://app.hubspot.com/contacts/2456789/record/0-3/1789' },
  },
  owner: { id: '75030132', name: 'Grace Hopper' },
  dedup: { outcome: 'no_match', rule: 'none', score: 0, matched_record_id: null, evidence: [] },
  review: null,
} satisfies LeadView;
