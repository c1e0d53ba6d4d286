import { randomBytes } from 'node:crypto';
import type { CrmAdapter, CrmLink, CrmProvider, Lead, SyncDirection, Workspace } from '@synaptiq/shared';
import { createHubspotAdapter, HubspotPortalRegistry } from '@synaptiq/shared/adapters/hubspot/create-hubspot-adapter';
import { createSalesforceAdapter } from '@synaptiq/shared/adapters/salesforce/create-salesforce-adapter';
import { startSandbox } from '../../../../sandbox-crm/src/index';
import type { RunningSandbox } from '../../../../sandbox-crm/src/index';
import { createSecretBox } from '../../../../relay/src/crypto';
import { createMemoryStores } from '../../../../relay/src/stores';
import { newWorkspace } from '../../../../relay/src/services/new-workspace';
import type { EmitHookEvent } from '../../../../relay/src/services/hooks/emit';
import type { LeadCrmUpdatedData } from '../../../../relay/src/services/hooks/hook-payloads';
import { createTwoWayPoller } from '../../../../relay/src/services/two-way';
import type { TwoWayPoller } from '../../../../relay/src/services/two-way';
import { fixedClock, silentLogger, testNow } from '../../support/test-relay';

export const workspaceId = 'acme';

export interface EmittedHook {
  workspaceId: string;
  event: string;
  data: LeadCrmUpdatedData;
  sourceId: string | undefined;
}

/** A recording stand-in for createHooks().emitHookEvent. */
export function recordingEmitter(): { emit: EmitHookEvent; emitted: EmittedHook[] } {
  const emitted: EmittedHook[] = [];
  const emit: EmitHookEvent = async (id, event, data, options) => {
    emitted.push({ workspaceId: id, event, data: data as LeadCrmUpdatedData, sourceId: options?.sourceId });
    return 1;
  };
  return { emit, emitted };
}

export interface TwoWayHarness {
  sandbox: RunningSandbox;
  clock: ReturnType<typeof fixedClock>;
  stores: ReturnType<typeof createMemoryStores>;
  poller: TwoWayPoller;
  /** The adapter the poller reads through. */
  adapter: CrmAdapter;
  emitted: EmittedHook[];
  workspace(): Promise<Workspace>;
  /** A lead the relay synced earlier: its snapshot and the links to its CRM records. */
  seedLead(lead: Lead, links: Array<Omit<CrmLink, 'key'> & { key?: string }>): Promise<void>;
}

/**
 * The real HubSpot or Salesforce adapter against an in-process sandbox CRM, memory stores and a hand-moved
 * clock shared by all of them. The adapters' limiters sleep by moving that clock, so no test waits.
 */
export async function startTwoWayHarness(provider: CrmProvider, direction: Partial<Extract<SyncDirection, { direction: 'bidirectional' }>> = {}): Promise<TwoWayHarness> {
  const clock = fixedClock(testNow);
  const sandbox = await startSandbox({ port: 0, clock, config: { hubspot: { rateLimit: { enabled: false } } } });
  const stores = createMemoryStores();
  const secrets = createSecretBox(randomBytes(32));
  const { workspace } = newWorkspace(
    {
      id: workspaceId,
      name: 'Acme',
      at: new Date(clock.now()).toISOString(),
      settings: {
        crm: provider,
        sync_direction: { direction: 'bidirectional', pull_fields: ['email', 'phone', 'first_name', 'last_name', 'title', 'company', 'deal_stage', 'owner'], poll_interval_minutes: 5, ...direction },
      },
    },
    secrets,
  );
  await stores.config.saveWorkspace(workspace);
  const retry = { sleep: async (ms: number) => clock.advance(ms), random: () => 0.5 };
  const adapter: CrmAdapter =
    provider === 'hubspot'
      ? createHubspotAdapter({ connection: { provider, auth: 'private_app', access_token: 'sandbox', base_url: sandbox.url, rate_limit_per_10s: 100 }, clock, retry, registry: new HubspotPortalRegistry() })
      : createSalesforceAdapter({
          connection: { provider, auth: 'oauth', access_token: 'sandbox', refresh_token: 'sandbox-refresh', expires_at: null, instance_url: sandbox.url, rate_limit_per_10s: 1000 },
          personObject: 'Lead',
          clock,
          retry,
        });
  const { emit, emitted } = recordingEmitter();
  const poller = createTwoWayPoller({ stores, crmFor: async () => adapter, clock, logger: silentLogger, emit });
  return {
    sandbox,
    clock,
    stores,
    poller,
    adapter,
    emitted,
    async workspace() {
      const found = await stores.config.getWorkspace(workspaceId);
      if (!found) throw new Error('the test workspace is gone');
      return found;
    },
    async seedLead(lead, links) {
      await stores.leads.upsert(workspaceId, lead, new Date(clock.now()).toISOString());
      await stores.links.put(
        workspaceId,
        links.map((link) => ({ ...link, key: link.key ?? `lead:${lead.id}:${link.object_type}` })),
      );
    },
  };
}
