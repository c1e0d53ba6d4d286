import zapier, { defineApp } from 'zapier-platform-core';
import packageJson from '../package.json' with { type: 'json' };
import { authentication } from './authentication';
import { createDeal } from './creates/create_deal';
import { createLead } from './creates/create_lead';
import { syncNow } from './creates/sync_now';
import { updateLead } from './creates/update_lead';
import { addApiKey, handleRelayErrors } from './middleware';
import { findLead } from './searches/find_lead';
import { leadList } from './triggers/lead_list';
import { leadSynced } from './triggers/lead_synced';
import { newLead } from './triggers/new_lead';
import { newMeetingBooked } from './triggers/new_meeting_booked';
import { newQualifiedLead } from './triggers/new_qualified_lead';
import { ownerList } from './triggers/owner_list';
import { pipelineList } from './triggers/pipeline_list';
import { stageList } from './triggers/stage_list';
import { syncFailed } from './triggers/sync_failed';

/** Synaptiq CRM Sync on Zapier: instant triggers, actions and a search on the relay's admin API. */
export default defineApp({
  version: packageJson.version,
  platformVersion: zapier.version,
  authentication,
  beforeRequest: [addApiKey],
  afterResponse: [handleRelayErrors],
  flags: {
    // Our afterResponse sees 429s, so the user reads the relay's message and its Retry-After is honoured.
    throwForThrottlingEarly: false,
    // Every call goes through z.request, which core logs anyway. core's global http patch (for logging other
    // clients) handles only request(options, callback), so in one process with the relay (tests) it garbled the
    // relay's request(url, options, callback) hook deliveries.
    skipHttpPatch: true,
  },
  triggers: {
    new_lead: newLead,
    new_qualified_lead: newQualifiedLead,
    new_meeting_booked: newMeetingBooked,
    lead_synced: leadSynced,
    sync_failed: syncFailed,
    lead_list: leadList,
    pipeline_list: pipelineList,
    stage_list: stageList,
    owner_list: ownerList,
  },
  creates: { create_deal: createDeal, sync_now: syncNow, create_lead: createLead, update_lead: updateLead },
  searches: { find_lead: findLead },
  searchOrCreates: {
    find_lead: {
      key: 'find_lead',
      display: { label: 'Find or Create Lead', description: 'Finds a lead by email, phone or ID, and creates it when none matches.' },
      search: 'find_lead',
      create: 'create_lead',
    },
  },
});
