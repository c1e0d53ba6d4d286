import { leadSchema } from '@synaptiq/shared';
import type { Lead, LeadFilter, LeadRecord, LeadStore, Page, PageRequest } from '@synaptiq/shared';
import { matchesLeadFilter, patchedLeadRecord, upsertedLeadRecord } from '../lead-records';
import type { LeadPatch } from '../lead-records';
import { decodeCursor, pageSize, toPage } from '../paging';
import { utcIso } from '../times';

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
    const limit = pageSize(page);
    const after = decodeCursor(page.cursor, 2);
    const rows = [...this.#entries.values()]
      .filter(({ record }) => record.workspace_id === workspaceId && matchesLeadFilter(record, filter))
      .sort(newestFirst)
      .filter((entry) => after === null || newestFirst(entry, { seq: Number(after[1]), record: { created_at: String(after[0]) } }) > 0)
      .slice(0, limit + 1);
    const result = toPage(rows, limit, (entry) => [entry.record.created_at, entry.seq]);
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

type SortKey = { seq: number; record: Pick<LeadRecord, 'created_at'> };

/** created_at descending, then first-seen order descending: the order of SqliteLeadStore.list. */
function newestFirst(a: SortKey, b: SortKey): number {
  if (a.record.created_at !== b.record.created_at) return a.record.created_at < b.record.created_at ? 1 : -1;
  return b.seq - a.seq;
}
