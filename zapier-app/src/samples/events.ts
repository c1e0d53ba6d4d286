import type { z } from 'zod';
import type { meetingBookedSchema, SyncFailure } from '../schemas/relay';
import { leadSample } from './lead';

/** New Meeting Booked: the meeting.booked hook payload's data. */
export const meetingBookedSample = {
  id: 'mtg_4c2e9a',
  lead: leadSample,
  meeting: {
    id: 'mtg_4c2e9a',
    provider: 'calcom',
    title: 'Synaptiq demo with Ada Lovelace',
    starts_at: '2026-11-27T14:00:00+00:00',
    ends_at: '2026-11-27T14:30:00+00:00',
    timezone: 'Europe/London',
    location: 'https://cal.com/video/synaptiq-demo',
    status: 'booked',
  },
} satisfies z.infer<typeof meetingBookedSchema>;

/** Sync Failed: the sync.failed hook payload's data. */
export const syncFailedSample = {
  id: 'log_7d1f0b',
  lead_id: 'lead_01HZX3',
  event_id: 'evt_2Yk4m9QpX1',
  record_type: 'contact',
  error: { code: 'crm.validation', message: 'The CRM rejected a value. Check the field mapping and the value shown in the sync log.' },
  retry_count: 0,
  at: '2026-11-24T15:05:12+00:00',
} satisfies SyncFailure;
