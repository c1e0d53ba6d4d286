import assert from 'node:assert/strict';
import { conversationText, meetingProperties, noteProperties } from '../../../shared/src/mapping/activities';
import { loadEvent } from '../../fixtures/events/load-event';

const { conversation } = loadEvent('conversation.completed').data;
const { meeting } = loadEvent('meeting.booked').data;

describe('activity properties', () => {
  it('puts the summary and every transcript line in the conversation text', () => {
    const text = conversationText(conversation);
    assert.match(text, /Summary: Evaluating tools/);
    assert.match(text, /agent: Hi! What brings you here today\?\nlead: We lose leads between chat and CRM\./);
  });

  it('writes a HubSpot note as escaped HTML with its timestamp', () => {
    const properties = noteProperties.hubspot({ conversation: { ...conversation, summary: 'a < b & c' }, at: '2026-11-24T15:03:10Z' });
    assert.equal(properties.hs_timestamp, '2026-11-24T15:03:10.000Z');
    assert.match(String(properties.hs_note_body), /a &lt; b &amp; c<br>/);
  });

  it('writes a Salesforce Task with a Date and a completed status', () => {
    const properties = noteProperties.salesforce({ conversation, at: '2026-11-24T15:03:10Z' });
    assert.deepEqual({ ...properties, Description: undefined }, { Subject: 'Synaptiq conversation (web_chat)', ActivityDate: '2026-11-24', Status: 'Completed', Description: undefined });
  });

  it('keeps a very long transcript within HubSpot\'s note limit', () => {
    const long = { ...conversation, transcript: Array.from({ length: 100 }, () => ({ role: 'lead', text: 'x'.repeat(1000) })) };
    assert.equal(String(noteProperties.hubspot({ conversation: long, at: '2026-11-24T15:03:10Z' }).hs_note_body).length, 65_536);
  });

  it('writes a HubSpot meeting with its times, link and outcome', () => {
    const properties = meetingProperties.hubspot(meeting, 'booked');
    assert.equal(properties.hs_meeting_start_time, '2026-12-01T10:00:00.000Z');
    assert.equal(properties.hs_meeting_end_time, '2026-12-01T10:30:00.000Z');
    assert.equal(properties.hs_meeting_external_url, 'https://cal.example/meet/abc');
    assert.equal(properties.hs_meeting_outcome, 'SCHEDULED');
    assert.equal(meetingProperties.hubspot(meeting, 'cancelled').hs_meeting_outcome, 'CANCELED');
  });

  it('gives a Salesforce Event without an end time a 30-minute length', () => {
    const properties = meetingProperties.salesforce({ ...meeting, ends_at: null }, 'booked');
    assert.equal(properties.EndDateTime, '2026-12-01T10:30:00.000Z');
  });

  it('marks a cancelled Salesforce Event in its subject', () => {
    assert.equal(meetingProperties.salesforce(meeting, 'cancelled').Subject, 'Cancelled: Synaptiq demo with Ada Lovelace');
  });
});
