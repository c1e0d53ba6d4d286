import { subscriptionSchema, workspaceSchema } from '@synaptiq/shared';
import type { CrmObjectType, Lead, Subscription, SyncErrorJson, SyncLogEntry, SynaptiqEvent, Workspace } from '@synaptiq/shared';

/** Builders for store tests: small valid objects with just the fields a test cares about overridden. */

const base = Date.parse('2026-03-01T12:00:00.000Z');

/** An ISO time `minutes` after the fixed test epoch. */
export const at = (minutes: number): string => new Date(base + minutes * 60_000).toISOString();

export function lead(id: string, fields: Partial<Lead> = {}): Lead {
  return { id, name: `Lead ${id}`, ...fields };
}

export function leadEvent(id: string, leadId: string, type: 'lead.created' | 'lead.updated' | 'lead.qualified' = 'lead.created'): SynaptiqEvent {
  return { id, type, created_at: at(0), data: { lead: lead(leadId, { email: `${leadId}@example.com` }) } };
}

export function meetingEvent(id: string, leadId: string): SynaptiqEvent {
  return {
    id,
    type: 'meeting.booked',
    created_at: at(0),
    data: { lead: lead(leadId), meeting: { id: `m-${id}`, starts_at: at(60) } },
  };
}

export const transientError: SyncErrorJson = { code: 'crm.transient', message: 'HubSpot answered 502; retrying.', details: {} };
export const validationError: SyncErrorJson = { code: 'crm.validation', message: 'The CRM rejected a value.', details: { field: 'email' } };

export function workspace(id: string, fields: Partial<Workspace> = {}): Workspace {
  return workspaceSchema.parse({
    id,
    name: `Workspace ${id}`,
    created_at: at(0),
    settings: {},
    webhook_secrets: ['enc:v1:aXY:dGFn:Y2lwaGVy'],
    api_keys: [{ id: `key-${id}`, prefix: 'sk_abcd', hash: `hash-of-${id}`, created_at: at(0) }],
    ...fields,
  });
}

export function subscription(id: string, workspaceId: string, fields: Partial<Subscription> = {}): Subscription {
  return subscriptionSchema.parse({
    id,
    workspace_id: workspaceId,
    event: 'lead.synced',
    target_url: 'https://hooks.example.com/catch/1',
    secret: 'enc:v1:aXY:dGFn:c2VjcmV0',
    created_at: at(0),
    ...fields,
  });
}

export function logEntry(id: string, workspaceId: string, fields: Partial<SyncLogEntry> = {}): SyncLogEntry {
  return {
    id,
    workspace_id: workspaceId,
    at: at(0),
    event_id: 'evt-1',
    lead_id: 'lead-1',
    record_type: 'contact',
    action: 'create',
    status: 'success',
    crm_id: '101',
    crm_url: 'https://app.hubspot.com/contacts/1/record/0-1/101',
    error: null,
    message: null,
    retry_count: 0,
    ...fields,
  };
}

export function deliveryMessage(id: string, workspaceId: string, fields: { subscription_id?: string; next_attempt_at?: string | null; created_at?: string } = {}) {
  return {
    id,
    workspace_id: workspaceId,
    subscription_id: fields.subscription_id ?? 'sub-1',
    message_id: `msg-${id}`,
    event: 'lead.synced',
    payload: { lead_id: 'lead-1', crm: { contact_id: '101' } },
    next_attempt_at: fields.next_attempt_at === undefined ? at(0) : fields.next_attempt_at,
    created_at: fields.created_at ?? at(0),
  };
}

export function link(key: string, objectType: CrmObjectType, crmId: string) {
  return { key, object_type: objectType, crm_id: crmId, url: `https://crm.example.com/${objectType}/${crmId}` };
}
