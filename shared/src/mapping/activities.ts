import type { CrmProperties, CrmValue } from '../schemas/crm';
import type { Conversation, Meeting } from '../schemas/events';
import type { CrmProvider } from '../schemas/settings';
import { addMinutes, formatCrmDate, truncate } from './transforms';

/**
 * Notes (conversation summaries) and meetings are not user-mappable: their properties are fixed per CRM.
 * HubSpot: https://developers.hubspot.com/docs/api/crm/notes , https://developers.hubspot.com/docs/api/crm/meetings
 * Salesforce: Task and Event, https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_task.htm
 */

/** Drops unset values, so outbound records carry only what we know. */
const defined = (properties: Record<string, CrmValue | undefined>): CrmProperties =>
  Object.fromEntries(Object.entries(properties).filter((entry): entry is [string, CrmValue] => entry[1] !== undefined && entry[1] !== null));

/** HubSpot hs_note_body holds at most 65,536 characters; Salesforce Description 32,000. */
const limits: Record<CrmProvider, number> = { hubspot: 65_536, salesforce: 32_000 };

/** A meeting without an end time is given this length (Salesforce Events need an end). */
export const defaultMeetingMinutes = 30;

export function conversationText(conversation: Conversation): string {
  const transcript = (conversation.transcript ?? []).map((line) => `${line.role}: ${line.text}`);
  return [
    `Synaptiq conversation${conversation.channel ? ` (${conversation.channel})` : ''}`,
    conversation.summary ? `Summary: ${conversation.summary}` : undefined,
    transcript.length > 0 ? `Transcript:\n${transcript.join('\n')}` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join('\n\n');
}

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** HubSpot renders note bodies as HTML: keep the line breaks of the plain text. */
const asHtml = (text: string) => escapeHtml(text).replaceAll('\n', '<br>');

export interface NoteInput {
  conversation: Conversation;
  /** When the conversation ended, else when the event was sent. */
  at: string;
}

export const noteProperties: Record<CrmProvider, (input: NoteInput) => CrmProperties> = {
  hubspot: ({ conversation, at }) =>
    defined({
      hs_timestamp: formatCrmDate('hubspot', 'datetime', at),
      hs_note_body: truncate(asHtml(conversationText(conversation)), limits.hubspot),
    }),
  salesforce: ({ conversation, at }) =>
    defined({
      Subject: `Synaptiq conversation${conversation.channel ? ` (${conversation.channel})` : ''}`,
      Description: truncate(conversationText(conversation), limits.salesforce),
      ActivityDate: formatCrmDate('salesforce', 'date', at),
      Status: 'Completed',
    }),
};

export type MeetingChange = 'booked' | 'rescheduled' | 'cancelled';

/** HubSpot meeting outcomes for each Synaptiq meeting state. */
const hubspotOutcome: Record<MeetingChange, string> = { booked: 'SCHEDULED', rescheduled: 'RESCHEDULED', cancelled: 'CANCELED' };

function meetingDescription(meeting: Meeting): string {
  const attendees = (meeting.attendees ?? []).map((a) => [a.name, a.email && `<${a.email}>`].filter(Boolean).join(' '));
  return [
    meeting.provider ? `Booked through ${meeting.provider}` : undefined,
    meeting.timezone ? `Time zone: ${meeting.timezone}` : undefined,
    attendees.length > 0 ? `Attendees: ${attendees.join(', ')}` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join('\n');
}

const isUrl = (text: string | null | undefined) => Boolean(text && /^https?:\/\//i.test(text));

export const meetingProperties: Record<CrmProvider, (meeting: Meeting, change: MeetingChange) => CrmProperties> = {
  hubspot: (meeting, change) => {
    const start = formatCrmDate('hubspot', 'datetime', meeting.starts_at);
    return defined({
      hs_timestamp: start,
      hs_meeting_title: meeting.title ?? 'Synaptiq meeting',
      hs_meeting_body: meetingDescription(meeting) || undefined,
      hs_meeting_start_time: start,
      hs_meeting_end_time: formatCrmDate('hubspot', 'datetime', meeting.ends_at ?? addMinutes(meeting.starts_at, defaultMeetingMinutes)),
      hs_meeting_location: meeting.location ?? undefined,
      hs_meeting_external_url: isUrl(meeting.location) ? meeting.location : undefined,
      hs_meeting_outcome: hubspotOutcome[change],
    });
  },
  // Events have no status field: a cancelled meeting keeps its record with the subject saying so.
  salesforce: (meeting, change) =>
    defined({
      Subject: truncate(`${change === 'cancelled' ? 'Cancelled: ' : ''}${meeting.title ?? 'Synaptiq meeting'}`, 255),
      StartDateTime: formatCrmDate('salesforce', 'datetime', meeting.starts_at),
      EndDateTime: formatCrmDate('salesforce', 'datetime', meeting.ends_at ?? addMinutes(meeting.starts_at, defaultMeetingMinutes)),
      Location: meeting.location ? truncate(meeting.location, 255) : undefined,
      Description: meetingDescription(meeting) || undefined,
    }),
};
