import type { MeetingBookedData, PageRequest, Stores, Workspace } from '@synaptiq/shared';
import type { LeadQueryDeps } from '../lead-queries';
import { meetingBookedData } from './hook-payloads';
import { leadViews } from './lead-views';

export interface ListMeetingsDeps extends LeadQueryDeps {
  stores: LeadQueryDeps['stores'] & Pick<Stores, 'events'>;
}

/**
 * GET /v1/meetings: the workspace's meeting.booked events, newest first, each shaped exactly like the meeting.booked
 * hook's data (Zapier's New Meeting Booked lists these as its samples). Read from the event journal, so it holds what
 * retention has not pruned yet, including meetings still waiting to sync; an event whose lead is unknown is left out,
 * as the hook leaves it out, so a page may hold fewer than `limit` items while `next_cursor` goes on.
 */
export async function listMeetings(deps: ListMeetingsDeps, workspace: Workspace, page: PageRequest): Promise<{ data: MeetingBookedData[]; next_cursor: string | null }> {
  const events = await deps.stores.events.list(workspace.id, { type: 'meeting.booked' }, page);
  const views = leadViews(deps, workspace);
  const data = await Promise.all(
    events.items.map(async ({ payload, lead_id: leadId }) => {
      if (payload.type !== 'meeting.booked') return [];
      const view = await views(leadId);
      return view ? [meetingBookedData(payload, view)] : [];
    }),
  );
  return { data: data.flat(), next_cursor: events.next_cursor };
}
