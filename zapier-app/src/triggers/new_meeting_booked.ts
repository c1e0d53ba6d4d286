import { outputFieldsOf } from '../fields/from-zod';
import { meetingBookedSample } from '../samples/events';
import { meetingBookedSchema } from '../schemas/relay';
import { hookTrigger } from './hook-trigger';
import { leadLabels } from './output-fields';

const prefixed = (prefix: string, labels: Record<string, string>) =>
  Object.fromEntries(Object.entries(labels).map(([key, label]) => [`${prefix}${key}`, label]));

export const newMeetingBooked = hookTrigger({
  key: 'new_meeting_booked',
  noun: 'Meeting',
  label: 'New Meeting Booked',
  description: 'Triggers when a lead books a meeting through Cal.com or Calendly.',
  event: 'meeting.booked',
  payload: meetingBookedSchema,
  // The relay has no meeting list yet (api-contract.md): an empty list makes Zapier offer the sample instead.
  list: async () => [],
  sample: meetingBookedSample,
  outputFields: outputFieldsOf(meetingBookedSchema, {
    id: 'Meeting ID',
    ...prefixed('lead__', leadLabels),
    meeting__id: 'Meeting ID (Scheduler)',
    meeting__starts_at: 'Starts At',
    meeting__ends_at: 'Ends At',
  }),
});
