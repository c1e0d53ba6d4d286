import { randomUUID } from 'node:crypto';
import { SyncError, leadSchema, synaptiqEventSchema } from '@synaptiq/shared';
import type { Clock, Lead, Stores, SynaptiqEvent, Workspace } from '@synaptiq/shared';
import { formatZodIssues } from '@synaptiq/shared/schemas/issues';

export interface SubmitLeadDeps {
  stores: Pick<Stores, 'events' | 'leads'>;
  clock: Clock;
  kick(workspaceId: string): void;
  newId?: () => string;
}

export interface SubmittedLead {
  eventId: string;
  leadId: string;
  created: boolean;
}

/**
 * A lead from another source (the Zapier app, a form) enters the same pipeline as a webhook: it is stored
 * as a `lead.created` (new lead) or `lead.updated` event, and the worker dedups and writes it.
 */
export async function submitLead(deps: SubmitLeadDeps, workspace: Workspace, input: Omit<Lead, 'id'> & { id?: string | undefined }): Promise<SubmittedLead> {
  const newId = deps.newId ?? randomUUID;
  const lead = validLead({ ...input, id: input.id ?? `lead_${newId()}` });
  const existing = await deps.stores.leads.get(workspace.id, lead.id);
  return enqueue(deps, workspace, existing ? 'lead.updated' : 'lead.created', lead, newId);
}

/** PATCH: the given fields over the stored snapshot, sent on as a `lead.updated`. */
export async function patchLead(deps: SubmitLeadDeps, workspace: Workspace, leadId: string, patch: Partial<Lead>): Promise<SubmittedLead> {
  const existing = await deps.stores.leads.get(workspace.id, leadId);
  if (!existing) throw new SyncError('not_found', `There is no lead "${leadId}" in this workspace; create it with POST /v1/leads.`, { details: { lead_id: leadId } });
  const lead = validLead({ ...existing.lead, ...patch, id: leadId });
  return enqueue(deps, workspace, 'lead.updated', lead, deps.newId ?? randomUUID);
}

function validLead(candidate: unknown): Lead {
  const parsed = leadSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const errors = formatZodIssues(parsed.error).map((issue) => ({ ...issue, path: `body.${issue.path}` }));
  throw new SyncError('request.invalid', `The lead is invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, { details: { errors } });
}

async function enqueue(deps: SubmitLeadDeps, workspace: Workspace, type: 'lead.created' | 'lead.updated', lead: Lead, newId: () => string): Promise<SubmittedLead> {
  const at = new Date(deps.clock.now()).toISOString();
  const event: SynaptiqEvent = synaptiqEventSchema.parse({ id: `evt_api_${newId()}`, type, created_at: at, account_id: null, data: { lead } });
  await deps.stores.events.append(workspace.id, event, at);
  await deps.stores.leads.upsert(workspace.id, lead, at);
  deps.kick(workspace.id);
  return { eventId: event.id, leadId: lead.id, created: type === 'lead.created' };
}
