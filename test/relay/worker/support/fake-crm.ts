import { SyncError } from '@synaptiq/shared';
import type { CrmAdapter, CrmObjectType, CrmProperty, RecordWrite, WriteResult } from '@synaptiq/shared';

interface FakeRecord {
  id: string;
  objectType: CrmObjectType;
  key: string;
  properties: RecordWrite['properties'];
  associations: NonNullable<RecordWrite['associations']>;
}

/**
 * A tiny stateful CRM for worker tests: counts batch calls, creates each key once, and fails on demand
 * (whole calls, or writes that use a property the CRM does not have).
 */
export class FakeCrm implements CrmAdapter {
  readonly provider = 'memory' as const;
  readonly records: FakeRecord[] = [];
  readonly calls: Array<{ objectType: CrmObjectType; size: number }> = [];
  /** Properties this CRM does not have: writing one fails the call with crm.invalid_property. */
  readonly missingProperties = new Set<string>();
  #failures: SyncError[] = [];
  #nextId = 1;

  /** The next `times` upsert calls throw this error. */
  failNext(error: SyncError, times = 1): void {
    for (let i = 0; i < times; i += 1) this.#failures.push(error);
  }

  recordsOf(objectType: CrmObjectType): FakeRecord[] {
    return this.records.filter((record) => record.objectType === objectType);
  }

  async upsertRecords(objectType: CrmObjectType, writes: RecordWrite[]): Promise<WriteResult[]> {
    this.calls.push({ objectType, size: writes.length });
    const failure = this.#failures.shift();
    if (failure) throw failure;
    const missing = writes.flatMap((write) => Object.keys(write.properties)).find((name) => this.missingProperties.has(name));
    if (missing !== undefined) {
      throw new SyncError('crm.invalid_property', `Property "${missing}" does not exist.`, { details: { property: missing } });
    }
    return writes.map((write) => this.#write(objectType, write));
  }

  async verifyConnection() {
    return { provider: this.provider, accountId: 'fake' };
  }
  async findContactsByEmail() {
    return [];
  }
  async findContactCandidates() {
    return new Map();
  }
  async listProperties(): Promise<CrmProperty[]> {
    return [];
  }
  async createProperty(_objectType: CrmObjectType, definition: { name: string; label: string; type: CrmProperty['type'] }) {
    this.missingProperties.delete(definition.name);
    return { ...definition, custom: true };
  }
  async listPipelines() {
    return [];
  }
  async listOwners() {
    return [];
  }
  async listChanges() {
    return { records: [], nextCursor: null };
  }
  recordUrl(objectType: CrmObjectType, id: string): string {
    return `https://crm.example/${objectType}/${id}`;
  }

  #write(objectType: CrmObjectType, write: RecordWrite): WriteResult {
    const existing = this.records.find((record) => record.objectType === objectType && (record.id === write.id || record.key === write.key));
    if (existing) {
      Object.assign(existing.properties, write.properties);
      return { key: write.key, ok: true, id: existing.id, created: false };
    }
    const record = { id: String(this.#nextId++), objectType, key: write.key, properties: { ...write.properties }, associations: write.associations ?? [] };
    this.records.push(record);
    return { key: write.key, ok: true, id: record.id, created: true, url: this.recordUrl(objectType, record.id) };
  }
}
