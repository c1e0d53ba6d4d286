import assert from 'node:assert/strict';
import { eventTypes, synaptiqEventSchema } from '../../../shared/src/schemas/events';
import { formatZodIssues } from '../../../shared/src/schemas/issues';
import { rawEvent } from '../../fixtures/events/load-event';

type Json = Record<string, unknown>;
type RawEvent = Json & { data: Json & { lead: Json & { company: Json }; meeting: Json; conversation: Json } };
const raw = (type: Parameters<typeof rawEvent>[0]) => rawEvent(type) as RawEvent;

const issuesOf = (input: unknown) => {
  const result = synaptiqEventSchema.safeParse(input);
  assert.equal(result.success, false, 'expected the event to be rejected');
  return result.success ? [] : formatZodIssues(result.error);
};

describe('synaptiqEventSchema', () => {
  for (const type of eventTypes) {
    it(`parses the ${type} fixture`, () => {
      const event = synaptiqEventSchema.parse(rawEvent(type));
      assert.equal(event.type, type);
      assert.ok(event.data.lead.id.length > 0);
    });
  }

  it('keeps unknown extra fields on the envelope, data, lead, company and meeting', () => {
    const input = raw('meeting.booked');
    input.api_version = '2026-11';
    input.data.trace = 'abc';
    input.data.lead.utm_campaign = 'winter';
    input.data.lead.company.linkedin = 'analytical-engines';
    input.data.meeting.video = { provider: 'zoom' };
    const event = synaptiqEventSchema.parse(input) as unknown as RawEvent;
    assert.equal(event.api_version, '2026-11');
    assert.equal(event.data.trace, 'abc');
    assert.equal(event.data.lead.utm_campaign, 'winter');
    assert.equal(event.data.lead.company.linkedin, 'analytical-engines');
    assert.deepEqual(event.data.meeting.video, { provider: 'zoom' });
  });

  it('lists every bad field of a bad event by its path', () => {
    const input = raw('conversation.completed');
    input.created_at = 'yesterday';
    delete input.data.lead.name;
    input.data.lead.score = 140;
    input.data.lead.company = { size: true };
    input.data.conversation.transcript = [{ role: 'agent', text: 'hi' }, { text: 'no role' }];
    const paths = issuesOf(input).map((issue) => issue.path);
    assert.deepEqual(paths.sort(), [
      'created_at',
      'data.conversation.transcript[1].role',
      'data.lead.company.size',
      'data.lead.name',
      'data.lead.score',
    ]);
  });

  it('points at the type when the type is unknown', () => {
    const issues = issuesOf({ ...rawEvent('lead.created'), type: 'lead.exploded' });
    assert.deepEqual(issues.map((issue) => issue.path), ['type']);
  });

  it('gives one entry per field even when several union branches fail', () => {
    const input = raw('lead.updated');
    input.data.lead.company.size = -3;
    assert.deepEqual(issuesOf(input).map((issue) => issue.path), ['data.lead.company.size']);
  });

  it('accepts a lead with only an id and a name (early events)', () => {
    const event = synaptiqEventSchema.parse({
      id: 'evt_min',
      type: 'lead.created',
      created_at: '2026-11-24T15:04:05+01:00',
      data: { lead: { id: 'lead_1', name: 'Grace' } },
    });
    assert.equal(event.data.lead.email, undefined);
  });

  it('rejects a meeting without a start time', () => {
    const input = raw('meeting.rescheduled');
    delete input.data.meeting.starts_at;
    assert.deepEqual(issuesOf(input).map((issue) => issue.path), ['data.meeting.starts_at']);
  });
});
