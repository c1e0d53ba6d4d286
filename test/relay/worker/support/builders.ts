import { workspaceSchema } from '@synaptiq/shared';
import type { SynaptiqEvent, Workspace, WorkspaceSettingsInput } from '@synaptiq/shared';

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
