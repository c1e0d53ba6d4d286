import { Router } from 'express';
import { workspaceOf } from '../http/auth';
import { pageQuerySchema } from '../http/paging';
import { parseRequest } from '../http/validate';
import { listMeetings } from '../services/hooks/list-meetings';
import type { ListMeetingsDeps } from '../services/hooks/list-meetings';

/** GET /v1/meetings: booked meetings, newest first, shaped like the meeting.booked hook's data. */
export function meetingRoutes(deps: ListMeetingsDeps): Router {
  const router = Router();
  router.get('/v1/meetings', async (req, res) => {
    const page = parseRequest(pageQuerySchema, req.query, 'query');
    res.json(await listMeetings(deps, workspaceOf(res), page));
  });
  return router;
}
