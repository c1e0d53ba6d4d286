import { Router } from 'express';
import type { Clock, StoredEvent, Stores } from '@synaptiq/shared';
import { workspaceOf } from '../http/auth';
import { pageAnswer } from '../http/paging';
import { parseRequest, pathParam } from '../http/validate';
import { replayEvent } from '../services/replay-event';
import { eventListQuerySchema } from './schemas';

/** An event without its payload (the payload is lead PII; GET /v1/leads/:id shows the lead). */
export const eventSummary = (event: StoredEvent) => ({
  id: event.event_id,
  type: event.type,
  lead_id: event.lead_id,
  status: event.status,
  attempts: event.attempts,
  next_attempt_at: event.next_attempt_at,
  last_error: event.last_error && { code: event.last_error.code, message: event.last_error.message },
  received_at: event.received_at,
  updated_at: event.updated_at,
});

/** GET /v1/events (the queue and dead letters), POST /v1/events/:id/replay. */
export function eventRoutes(deps: { stores: Pick<Stores, 'events'>; clock: Clock; kick(workspaceId: string): void }): Router {
  const router = Router();
  router.get('/v1/events', async (req, res) => {
    const { limit, cursor, ...filter } = parseRequest(eventListQuerySchema, req.query, 'query');
    res.json(pageAnswer(await deps.stores.events.list(workspaceOf(res).id, filter, { limit, cursor }), eventSummary));
  });
  router.post('/v1/events/:eventId/replay', async (req, res) => {
    res.status(202).json(await replayEvent(deps, workspaceOf(res).id, pathParam(req, 'eventId')));
  });
  return router;
}
