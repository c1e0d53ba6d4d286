import { SyncError } from '@synaptiq/shared';
import type { Clock, Stores } from '@synaptiq/shared';

const replayable = new Set(['dead', 'failed']);

/** POST /v1/events/:id/replay: a dead-lettered (or retrying) event goes back to the queue now, with a fresh attempt count. */
export async function replayEvent(deps: { stores: Pick<Stores, 'events'>; clock: Clock; kick(workspaceId: string): void }, workspaceId: string, eventId: string) {
  const event = await deps.stores.events.get(workspaceId, eventId);
  if (!event) throw new SyncError('not_found', `There is no event "${eventId}" in this workspace.`, { details: { event_id: eventId } });
  if (!replayable.has(event.status)) {
    throw new SyncError('conflict', `Event "${eventId}" is ${event.status}; only dead or failed events can be replayed.`, { details: { event_id: eventId, status: event.status } });
  }
  await deps.stores.events.release(workspaceId, [eventId], new Date(deps.clock.now()).toISOString());
  deps.kick(workspaceId);
  return { id: eventId, status: 'pending' as const };
}
