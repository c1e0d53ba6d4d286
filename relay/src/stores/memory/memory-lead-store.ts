import { leadSchema } from '@synaptiq/shared';
import type { Lead, LeadFilter, LeadRecord, LeadStore, Page, PageRequest } from '@synaptiq/shared';
import { matchesLeadFilter, patchedLeadRecord, upsertedLeadRecord } from '../lead-records';
import type { LeadPatch } from '../lead-records';
import { utcIso } from '../times';
import { memoryPage } from './memory-paging';

interface Entry {
  seq: number;
  record: LeadRecord;
}

/** The in-memory twin of SqliteLeadStore. */
export class MemoryLeadStore implements LeadStore {
  readonly #entries = new Map<string, Entry>();
  #seq = 0;

  async upsert(workspaceId: string, lead: Lead, at: string): Promise<LeadRecord> {
    const valid = leadSchema.parse(lead);
    const previous = this.#entries.get(idKey(workspaceId, valid.id));
    const record = upsertedLeadRecord(previous?.record, workspaceId, valid, utcIso(at, 'at'));
    this.#entries.set(idKey(workspaceId, valid.id), { seq: previous?.seq ?? ++this.#seq, record });
    return structuredClone(record);
  }

  async get(workspaceId: string, leadId: string): Promise<LeadRecord | undefined> {
    const entry = this.#entries.get(idKey(workspaceId, leadId));
    return entry === undefined ? undefined : structuredClone(entry.record);
  }

  async list(workspaceId: string, filter: LeadFilter, page: PageRequest): Promise<Page<LeadRecord>> {
    const matching = [...this.#entries.values()].filter(({ record }) => record.workspace_id === workspaceId && matchesLeadFilter(record, filter));
    const result = memoryPage(matching, page, { key: (entry) => [entry.record.created_at, entry.seq], cursor: 'timeSeq', order: 'desc' });
    return { items: result.items.map((entry) => structuredClone(entry.record)), next_cursor: result.next_cursor };
  }

  async update(workspaceId: string, leadId: string, patch: LeadPatch, at: string): Promise<LeadRecord | undefined> {
    const entry = this.#entries.get(idKey(workspaceId, leadId));
    if (entry === undefined) return undefined;
    entry.record = patchedLeadRecord(entry.record, structuredClone(patch), utcIso(at, 'at'));
    return structuredClone(entry.record);
  }
}

const idKey = (workspaceId: string, id: string): string => JSON.stringify([workspaceId, id]);
