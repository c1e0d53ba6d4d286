import type { Workspace } from '@synaptiq/shared';
import { getLead } from '../lead-queries';
import type { LeadQueryDeps } from '../lead-queries';
import type { LeadView } from '../lead-view';

/** Each lead's view, built once per call site (a batch, a page): null when the lead is unknown. */
export function leadViews(deps: LeadQueryDeps, workspace: Workspace): (leadId: string) => Promise<LeadView | null> {
  const cache = new Map<string, Promise<LeadView | null>>();
  return (leadId) => {
    let view = cache.get(leadId);
    if (view === undefined) {
      view = getLead(deps, workspace, leadId).catch(() => null);
      cache.set(leadId, view);
    }
    return view;
  };
}
