import { SyncError } from '../../errors';
import type { CrmObjectType, RecordWrite, WriteResult } from '../../schemas/crm';

/** One record to write, standing for every input of the call that writes the same record. */
export interface WriteItem {
  indexes: number[];
  write: RecordWrite;
}

/**
 * Merges inputs that write the same record (same id, email or key): HubSpot rejects a batch that
 * names one record twice. Later properties win; associations are united.
 */
export function mergeDuplicates(writes: RecordWrite[], identity: (write: RecordWrite) => string): WriteItem[] {
  const items = new Map<string, WriteItem>();
  writes.forEach((write, index) => {
    const id = identity(write);
    const seen = items.get(id);
    if (seen === undefined) {
      items.set(id, { indexes: [index], write });
      return;
    }
    const associations = [...(seen.write.associations ?? []), ...(write.associations ?? [])].filter(
      (target, position, all) => all.findIndex((other) => other.objectType === target.objectType && other.id === target.id) === position,
    );
    seen.indexes.push(index);
    seen.write = {
      ...seen.write,
      properties: { ...seen.write.properties, ...write.properties },
      ...(associations.length > 0 ? { associations } : {}),
    };
  });
  return [...items.values()];
}

/**
 * The results of one upsertRecords call, filled in as batches answer. Once a record is written, a
 * later whole-call failure is reported per record instead of thrown, so the caller can still link
 * what was written. A failure that needs the user (auth, missing property, daily quota) stops the
 * remaining batches: they would fail the same way.
 */
export class WriteOutcome {
  private readonly byIndex = new Map<number, WriteResult>();
  private written = false;
  private stopped: SyncError | null = null;

  constructor(
    private readonly writes: RecordWrite[],
    private readonly objectType: CrmObjectType,
    private readonly urlOf: (objectType: CrmObjectType, id: string) => string | undefined,
  ) {}

  get anyWritten(): boolean {
    return this.written;
  }

  get stopError(): SyncError | null {
    return this.stopped;
  }

  has(item: WriteItem): boolean {
    return item.indexes.every((index) => this.byIndex.has(index));
  }

  succeeded(item: WriteItem): boolean {
    return item.indexes.every((index) => this.byIndex.get(index)?.ok === true);
  }

  /** The id a record was written under, once it succeeded. */
  idOf(item: WriteItem): string | undefined {
    const result = this.byIndex.get(item.indexes[0] ?? -1);
    return result?.ok ? result.id : undefined;
  }

  ok(item: WriteItem, id: string, created: boolean): void {
    this.written = true;
    const url = this.urlOf(this.objectType, id);
    for (const index of item.indexes) {
      const key = this.writes[index]?.key ?? item.write.key;
      this.byIndex.set(index, { key, ok: true, id, created, ...(url ? { url } : {}) });
    }
  }

  /** A per-record failure that needs the user (e.g. a missing property on a 207) stops later batches too. */
  fail(item: WriteItem, error: SyncError): void {
    if (error.disposition === 'pause') this.stopped ??= error;
    for (const index of item.indexes) {
      const key = this.writes[index]?.key ?? item.write.key;
      this.byIndex.set(index, { key, ok: false, error: error.toJSON() });
    }
  }

  /** A whole batch failed: throw while nothing is written yet, else report it on the batch's records. */
  failBatch(items: WriteItem[], error: SyncError): void {
    if (!this.written) throw error;
    for (const item of items) if (!this.has(item)) this.fail(item, error);
    if (error.disposition === 'pause') this.stopped = error;
  }

  results(): WriteResult[] {
    return this.writes.map(
      (write, index) =>
        this.byIndex.get(index) ?? {
          key: write.key,
          ok: false,
          error: new SyncError('crm.transient', 'HubSpot returned no result for this record; it will be retried.').toJSON(),
        },
    );
  }
}
