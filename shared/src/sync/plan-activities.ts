import { meetingProperties, noteProperties, type MeetingChange } from '../mapping/activities';
import type { MeetingEvent, SynaptiqEvent } from '../schemas/events';
import { keys } from './operations';
import { associationsFor, existingRecord, recordIdOf, type PlanDraft } from './plan-context';

type RecordKeys = Array<string | undefined>;

const nothingToAttachTo = 'no contact, company or deal of this lead is in the CRM to attach it to';

/** The conversation summary and transcript as a note (Salesforce Task) on conversation.completed; written once. */
export function planNote(draft: PlanDraft, attachTo: RecordKeys): void {
  const { event, settings } = draft.input;
  if (event.type !== 'conversation.completed') return;
  const { conversation } = event.data;
  const key = keys.note(draft.lead.id, conversation.id);
  const associateWith = associationsFor(draft, attachTo);
  if (existingRecord(draft, key)) {
    draft.skipped.push({ key, objectType: 'note', reason: 'the note of this conversation is already written' });
  } else if (associateWith.length === 0) {
    draft.skipped.push({ key, objectType: 'note', reason: `conversation note not written: ${nothingToAttachTo}` });
  } else {
    const properties = noteProperties[settings.crm]({ conversation, at: conversation.ended_at ?? event.created_at });
    draft.operations.push({ key, objectType: 'note', action: 'create', properties, associateWith, reason: 'conversation completed: summary and transcript' });
  }
}

const meetingTypes: ReadonlySet<string> = new Set(['meeting.booked', 'meeting.rescheduled', 'meeting.cancelled']);
export const isMeetingEvent = (event: SynaptiqEvent): event is MeetingEvent => meetingTypes.has(event.type);

/** A meeting (Salesforce Event) on meeting.booked, updated on rescheduled and cancelled. */
export function planMeeting(draft: PlanDraft, attachTo: RecordKeys): void {
  const { event, settings } = draft.input;
  if (!isMeetingEvent(event)) return;
  const { meeting } = event.data;
  const change = event.type.slice('meeting.'.length) as MeetingChange;
  const key = keys.meeting(draft.lead.id, meeting.id);
  const existing = existingRecord(draft, key);
  const properties = meetingProperties[settings.crm](meeting, change);
  const associateWith = associationsFor(draft, attachTo);
  if (existing) {
    draft.operations.push({ key, objectType: 'meeting', action: 'update', ...recordIdOf(existing), properties, associateWith, reason: `meeting ${change}` });
    return;
  }
  if (change === 'cancelled') {
    draft.skipped.push({ key, objectType: 'meeting', reason: 'the cancelled meeting was never written to the CRM: nothing to cancel' });
  } else if (associateWith.length === 0) {
    draft.skipped.push({ key, objectType: 'meeting', reason: `meeting not written: ${nothingToAttachTo}` });
  } else {
    draft.operations.push({ key, objectType: 'meeting', action: 'create', properties, associateWith, reason: `meeting ${change}` });
  }
}
