import type { StoredEvent } from '@synaptiq/shared';
import type { SettledBatch } from '../process-events';
import type { LeadQueryDeps } from '../lead-queries';
import type { LeadView } from '../lead-view';
import type { EmitHookEvent } from './emit';
import { meetingBookedData, syncFailedData } from './hook-payloads';
import { leadViews } from './lead-views';

export interface SettledHooksDeps extends LeadQueryDeps {
  emit: EmitHookEvent;
}

/** Results after which an event counts as processed: written, skipped on purpose, or dead-lettered. */
const processed = new Set(['synced', 'skipped', 'dead']);

/**
 * The worker's onSettled listener: turns a settled batch into outbound hooks.
 * - lead.created, lead.qualified, meeting.booked: once the event is processed (not while it waits for a
 *   retry), so the LeadView already carries the CRM records the sync made;
 * - lead.synced: once per lead whose CRM writes succeeded in the batch;
 * - sync.failed: once per failed sync log entry (each failed attempt, with its retry count).
 * Message ids derive from the event or log entry, so a batch that runs again sends nothing twice.
 */
export function settledHooks(deps: SettledHooksDeps): (settled: SettledBatch) => Promise<void> {
  return async (settled) => {
    const views = leadViews(deps, settled.workspace);
    const workspaceId = settled.workspace.id;
    const syncedByLead = new Map<string, string>();

    for (const { event, result, operations } of settled.events) {
      if (!processed.has(result.status)) continue;
      await emitForEvent(deps.emit, workspaceId, event, views);
      if (result.status === 'synced' && operations.some((operation) => operation.status === 'success')) {
        syncedByLead.set(event.lead_id, event.event_id);
      }
    }
    for (const [leadId, lastEventId] of syncedByLead) {
      const view = await views(leadId);
      if (view) await deps.emit(workspaceId, 'lead.synced', view, { sourceId: lastEventId });
    }
    for (const entry of settled.entries.filter((logged) => logged.status === 'failed')) {
      await deps.emit(workspaceId, 'sync.failed', syncFailedData(entry), { sourceId: entry.id });
    }
  };
}

async function emitForEvent(emit: EmitHookEvent, workspaceId: string, event: StoredEvent, views: (leadId: string) => Promise<LeadView | null>): Promise<void> {
  const { payload } = event;
  const sourceId = event.event_id;
  if (payload.type === 'lead.created' || payload.type === 'lead.qualified') {
    const view = await views(event.lead_id);
    if (view) await emit(workspaceId, payload.type, view, { sourceId });
  } else if (payload.type === 'meeting.booked') {
    const view = await views(event.lead_id);
    if (view) await emit(workspaceId, 'meeting.booked', meetingBookedData(payload, view), { sourceId });
  }
}
