import { workspaceSchema } from '@synaptiq/shared';
import type { StoredEvent, SynaptiqEvent, Workspace, WorkspaceSettingsInput } from '@synaptiq/shared';
import type { OperationOutcome } from '../../../../relay/src/worker/types';

export function buildWorkspace(id = 'acme', settings: WorkspaceSettingsInput = {}): Workspace {
  return workspaceSchema.parse({
    id,
    name: `Workspace ${id}`,
    created_at: '2026-11-01T00:00:00.000Z',
    settings,
    webhook_secrets: ['enc:v1:not-a-real-secret'],
  });
}

const lead = (leadId: string) => ({
  id: leadId,
  name: `Ada ${leadId}`,
  email: `${leadId}@analytical.example`,
  company: { name: 'Analytical Engines Ltd' },
});

export function leadCreated(eventId: string, leadId: string, createdAt = '2026-11-24T15:00:00Z'): SynaptiqEvent {
  return { id: eventId, type: 'lead.created', created_at: createdAt, data: { lead: lead(leadId) } };
}

export function meetingBooked(eventId: string, leadId: string, meetingId = `mtg_${leadId}`): SynaptiqEvent {
  return {
    id: eventId,
    type: 'meeting.booked',
    created_at: '2026-11-24T15:01:00Z',
    data: { lead: lead(leadId), meeting: { id: meetingId, starts_at: '2026-12-01T10:00:00Z', title: 'Demo' } },
  };
}

/** A core result for an event's contact operation; override what the test is about. */
export function contactOutcome(event: StoredEvent, overrides: Partial<OperationOutcome> = {}): OperationOutcome {
  return {
    eventId: event.event_id,
    leadId: event.lead_id,
    key: `lead:${event.lead_id}:contact`,
    objectType: 'contact',
    action: 'create',
    status: 'success',
    crmId: null,
    url: null,
    error: null,
    reason: 'lead captured',
    review: false,
    ...overrides,
  };
}

/** An event as the journal holds it, never attempted. */
export function storedEvent(event: SynaptiqEvent, workspaceId = 'acme'): StoredEvent {
  return {
    workspace_id: workspaceId,
    event_id: event.id,
    type: event.type,
    lead_id: event.data.lead.id,
    payload: event,
    received_at: event.created_at,
    status: 'pending',
    attempts: 0,
    next_attempt_at: null,
    last_error: null,
    updated_at: event.created_at,
  };
}
