/** Relay answers as the nock tests serve them (shapes from docs/api-contract: LeadView, lists, errors). */

export const leadView = (overrides: Record<string, unknown> = {}) => ({
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
  created_at: '2026-11-24T15:04:05.000Z',
  updated_at: '2026-11-24T15:09:41.000Z',
  crm: { provider: 'hubspot', contact: { id: '51', url: 'https://app.hubspot.com/contacts/1/record/0-1/51' }, company: null, deal: null },
  owner: null,
  dedup: null,
  review: null,
  ...overrides,
});

export const page = <T>(data: T[], nextCursor: string | null = null) => ({ data, next_cursor: nextCursor });
