import { outputFieldsOf } from '../fields/from-zod';
import { meetingBookedSample } from '../samples/events';
import { callRelay } from '../relay';
import { meetingBookedSchema, pageOf } from '../schemas/relay';
import { hookTrigger } from './hook-trigger';
import { leadLabels } from './output-fields';
import { recentLimit } from './recent-leads';

const prefixed = (prefix: string, labels: Record<string, string>) =>
  Object.fromEntries(Object.entries(labels).map(([key, label]) => [`${prefix}${key}`, label]));

export const newMeetingBooked = hookTrigger({
  key: 'new_meeting_booked',
  noun: 'Meeting',
  label: 'New Meeting Booked',
  description: 'Triggers when a lead books a meeting through Cal.com or Calendly.',
  event: 'meeting.booked',
  payload: meetingBookedSchema,
  // GET /v1/meetings answers the meeting.booked hook's data, newest first; none yet makes Zapier offer the sample.
  list: async (z, bundle) => (await callRelay(z, bundle, { path: '/v1/meetings', params: { limit: recentLimit } }, pageOf(meetingBookedSchema))).data,
  sample: meetingBookedSample,
  outputFields: outputFieldsOf(meetingBookedSchema, {
    id: 'Meeting ID',
    ...prefixed('lead__', leadLabels),
    meeting__id: 'Meeting ID (Scheduler)',
    meeting__starts_at: 'Starts At',
    meeting__ends_at: 'Ends At',
  }),
});
