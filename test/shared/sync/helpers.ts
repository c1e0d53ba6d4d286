import type { CrmLink, LinkStore, Page } from '../../../shared/src/ports/stores';
import type { CrmObjectType } from '../../../shared/src/schemas/crm';
import { workspaceSettingsSchema, type WorkspaceSettings, type WorkspaceSettingsInput } from '../../../shared/src/schemas/settings';
import type { PlanSyncInput } from '../../../shared/src/sync/plan-sync';
import type { SynaptiqEvent } from '../../../shared/src/schemas/events';
import { loadEvent } from '../../fixtures/events/load-event';
import { defaultMemoryOwners, defaultMemoryPipelines } from '../../../shared/src/adapters/memory/memory-crm-adapter';

/** A LinkStore in a Map, counting its calls. */
export class MapLinkStore implements LinkStore {
  readonly links = new Map<string, CrmLink>();
  readonly calls = { getMany: 0, put: 0 };

  async getMany(workspaceId: string, keys: string[]): Promise<Map<string, CrmLink>> {
    this.calls.getMany += 1;
    return new Map(keys.flatMap((key) => {
      const link = this.links.get(`${workspaceId}|${key}`);
      return link ? [[key, link] as const] : [];
    }));
  }

  async forLead(workspaceId: string, leadId: string): Promise<CrmLink[]> {
    return [...this.links].filter(([id]) => id.startsWith(`${workspaceId}|lead:${leadId}:`)).map(([, link]) => link);
  }

  async put(workspaceId: string, links: CrmLink[]): Promise<void> {
    this.calls.put += 1;
    for (const link of links) this.links.set(`${workspaceId}|${link.key}`, link);
  }

  async listByType(workspaceId: string, objectType: CrmObjectType): Promise<Page<CrmLink>> {
    const items = [...this.links].filter(([id, link]) => id.startsWith(`${workspaceId}|`) && link.object_type === objectType).map(([, link]) => link);
    return { items, next_cursor: null };
  }

  async findByCrmId(workspaceId: string, objectType: CrmObjectType, crmId: string): Promise<CrmLink | undefined> {
    return [...this.links].find(([id, link]) => id.startsWith(`${workspaceId}|`) && link.object_type === objectType && link.crm_id === crmId)?.[1];
  }

  /** The links as a plain map of key → link, as planSync takes them. */
  snapshot(workspaceId: string): Map<string, CrmLink> {
    return new Map([...this.links].filter(([id]) => id.startsWith(`${workspaceId}|`)).map(([id, link]) => [id.slice(workspaceId.length + 1), link]));
  }
}

export const settingsWith = (input: WorkspaceSettingsInput = {}): WorkspaceSettings => workspaceSettingsSchema.parse(input);

export const salesforceSettings = (input: WorkspaceSettingsInput = {}): WorkspaceSettings =>
  settingsWith({ crm: 'salesforce', deal_creation: { pipeline: 'Opportunity Stages', initial_stage: 'Qualification' }, ...input });

export const salesforcePipelines = [
  {
    id: 'opportunity',
    label: 'Opportunity Stages',
    stages: [
      { id: 'Prospecting', label: 'Prospecting' },
      { id: 'Qualification', label: 'Qualification' },
      { id: 'Closed Won', label: 'Closed Won', closed: true, closedWon: true },
      { id: 'Closed Lost', label: 'Closed Lost', closed: true, closedWon: false },
    ],
  },
];

export const now = '2026-11-24T15:05:00.000Z';

/** A planSync input with defaults: HubSpot settings, no links, no dedup decision, the memory CRM's pipelines and owners. */
export function planInput(event: SynaptiqEvent, overrides: Partial<PlanSyncInput> = {}): PlanSyncInput {
  return {
    event,
    settings: settingsWith(),
    links: new Map(),
    decision: null,
    crm: { pipelines: defaultMemoryPipelines, owners: defaultMemoryOwners, ownerCursor: 0 },
    now,
    ...overrides,
  };
}

export const link = (key: string, object_type: CrmObjectType, crm_id: string): [string, CrmLink] => [key, { key, object_type, crm_id, url: null }];

/** Lead number `n` of a burst: its own name, email and company, no phone (so no two leads look alike). */
export const burstLead = (n: number, type: 'lead.created' | 'lead.qualified' = 'lead.qualified') =>
  loadEvent(type, {
    id: `lead_${n}`,
    name: `Person${n} Example`,
    first_name: null,
    last_name: null,
    phone: null,
    email: `person${n}@company${n}.example`,
    company: { name: `Company ${n}`, domain: `company${n}.example` },
  });
