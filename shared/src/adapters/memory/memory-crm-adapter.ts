import { SyncError, type SyncErrorJson } from '../../errors';
import { systemClock, type Clock } from '../../ports/clock';
import type { CrmAdapter } from '../../ports/crm-adapter';
import type {
  CandidateQuery,
  ChangePage,
  ConnectionInfo,
  CrmContact,
  CrmObjectType,
  CrmOwner,
  CrmProperties,
  CrmProperty,
  Pipeline,
  PropertyDefinition,
  RecordWrite,
  WriteResult,
} from '../../schemas/crm';

/** A record as the in-memory CRM holds it. */
export interface MemoryRecord {
  id: string;
  objectType: CrmObjectType;
  /** The idempotency key that created it (or was first written to it). */
  key: string | undefined;
  properties: CrmProperties;
  /** Associated records as `<objectType>:<id>`. */
  associations: Set<string>;
  createdAt: string;
  updatedAt: string;
}

/** Which contact properties hold the fields dedup compares (HubSpot names by default). */
export interface ContactFieldNames {
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  company: string;
}

export const hubspotContactFields: ContactFieldNames = { email: 'email', firstName: 'firstname', lastName: 'lastname', phone: 'phone', company: 'company' };
export const salesforceContactFields: ContactFieldNames = { email: 'Email', firstName: 'FirstName', lastName: 'LastName', phone: 'Phone', company: 'Company' };

export interface MemoryCrmOptions {
  clock?: Clock;
  pipelines?: Pipeline[];
  owners?: CrmOwner[];
  /** When given for a type, writes are checked against it as a CRM would (unknown or read-only property → per-record error). */
  properties?: Partial<Record<CrmObjectType, CrmProperty[]>>;
  contactFields?: ContactFieldNames;
  /** Records per upsert/lookup call, like the CRM's batch limit (HubSpot 100). */
  batchSize?: number;
  /** Per-record failure injection: return an error to fail that write. */
  rejectWrite?: (objectType: CrmObjectType, write: RecordWrite) => SyncErrorJson | undefined;
}

/** HubSpot's default deal pipeline, plus the "Qualified Lead" stage crm-sync.md's defaults name. */
export const defaultMemoryPipelines: Pipeline[] = [
  {
    id: 'default',
    label: 'Sales Pipeline',
    stages: [
      { id: 'appointmentscheduled', label: 'Appointment Scheduled' },
      { id: 'qualifiedlead', label: 'Qualified Lead' },
      { id: 'qualifiedtobuy', label: 'Qualified To Buy' },
      { id: 'contractsent', label: 'Contract Sent' },
      { id: 'closedwon', label: 'Closed Won', closed: true, closedWon: true },
      { id: 'closedlost', label: 'Closed Lost', closed: true, closedWon: false },
    ],
  },
];

export const defaultMemoryOwners: CrmOwner[] = [
  { id: 'owner-1', name: 'Sarah Chen', email: 'sarah@example.com', active: true },
  { id: 'owner-2', name: 'Tom Reyes', email: 'tom@example.com', active: true },
  { id: 'owner-3', name: 'Left Company', email: 'gone@example.com', active: false },
];

type Method = Exclude<keyof CrmAdapter, 'provider'>;

const digits = (phone: unknown) => (typeof phone === 'string' ? phone.replace(/\D/g, '').slice(-8) : '');
const lower = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : '');

const chunk = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * A stateful in-memory CRM behind the CrmAdapter port, for fast tests of the planner, executor and relay.
 * Honest where it matters: the same key never creates a second record, ids are the CRM's, batches are split and
 * counted like a real CRM's, unknown properties and missing association targets fail per record.
 */
export class MemoryCrmAdapter implements CrmAdapter {
  readonly provider = 'memory' as const;
  /** Calls per method (an upsert or lookup split into batches counts one call per batch). */
  readonly calls: Record<Method, number> = {
    verifyConnection: 0,
    findContactsByEmail: 0,
    findContactCandidates: 0,
    upsertRecords: 0,
    listProperties: 0,
    createProperty: 0,
    listPipelines: 0,
    listOwners: 0,
    listChanges: 0,
    recordUrl: 0,
  };
  /** Every upsert batch sent, in order. */
  readonly upsertBatches: Array<{ objectType: CrmObjectType; size: number }> = [];

  private readonly store = new Map<CrmObjectType, Map<string, MemoryRecord>>();
  private readonly byKey = new Map<string, string>();
  private readonly createdProperties = new Map<CrmObjectType, CrmProperty[]>();
  private readonly failures = new Map<Method, SyncError>();
  private nextId = 1;
  private readonly clock: Clock;
  private readonly contactFields: ContactFieldNames;
  private readonly batchSize: number;

  constructor(private readonly options: MemoryCrmOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.contactFields = options.contactFields ?? hubspotContactFields;
    this.batchSize = options.batchSize ?? 100;
  }

  /** The next call of `method` throws `error` (a whole-call failure such as a rate limit). */
  failNextCall(method: Method, error: SyncError): void {
    this.failures.set(method, error);
  }

  records(objectType: CrmObjectType): MemoryRecord[] {
    return [...(this.store.get(objectType)?.values() ?? [])];
  }

  get(objectType: CrmObjectType, id: string): MemoryRecord | undefined {
    return this.store.get(objectType)?.get(id);
  }

  /** Puts a record in place as if a user had created it in the CRM (no call counted). */
  seed(objectType: CrmObjectType, properties: CrmProperties): MemoryRecord {
    return this.create(objectType, undefined, properties);
  }

  /** Deletes a record as a CRM user would (no call counted); its key no longer finds it. */
  remove(objectType: CrmObjectType, id: string): boolean {
    return this.store.get(objectType)?.delete(id) ?? false;
  }

  async verifyConnection(): Promise<ConnectionInfo> {
    this.begin('verifyConnection');
    return { provider: 'memory', accountId: 'memory', accountName: 'In-memory CRM' };
  }

  async findContactsByEmail(emails: string[]): Promise<CrmContact[]> {
    const wanted = [...new Set(emails.map(lower).filter((email) => email !== ''))];
    for (const _batch of chunk(wanted, this.batchSize)) this.begin('findContactsByEmail');
    const set = new Set(wanted);
    return this.records('contact')
      .filter((record) => set.has(lower(record.properties[this.contactFields.email])))
      .map((record) => this.toContact(record));
  }

  async findContactCandidates(queries: CandidateQuery[]): Promise<Map<string, CrmContact[]>> {
    this.begin('findContactCandidates');
    const fields = this.contactFields;
    const contacts = this.records('contact');
    const found = new Map<string, CrmContact[]>();
    for (const query of queries) {
      const matches = contacts.filter((record) => {
        const p = record.properties;
        const samePhone = digits(query.phone) !== '' && digits(query.phone) === digits(p[fields.phone]);
        const sameLastName = lower(query.lastName) !== '' && lower(query.lastName) === lower(p[fields.lastName]);
        const sameEmail = lower(query.email) !== '' && lower(query.email) === lower(p[fields.email]);
        return samePhone || sameLastName || sameEmail;
      });
      found.set(query.ref, matches.map((record) => this.toContact(record)));
    }
    return found;
  }

  async upsertRecords(objectType: CrmObjectType, writes: RecordWrite[]): Promise<WriteResult[]> {
    const results: WriteResult[] = [];
    for (const batch of chunk(writes, this.batchSize)) {
      this.begin('upsertRecords');
      this.upsertBatches.push({ objectType, size: batch.length });
      results.push(...batch.map((write) => this.write(objectType, write)));
    }
    return results;
  }

  async listProperties(objectType: CrmObjectType): Promise<CrmProperty[]> {
    this.begin('listProperties');
    return [...(this.options.properties?.[objectType] ?? []), ...(this.createdProperties.get(objectType) ?? [])];
  }

  async createProperty(objectType: CrmObjectType, definition: PropertyDefinition): Promise<CrmProperty> {
    this.begin('createProperty');
    const existing = [...(this.options.properties?.[objectType] ?? []), ...(this.createdProperties.get(objectType) ?? [])];
    if (existing.some((property) => property.name === definition.name)) {
      throw new SyncError('conflict', `The ${objectType} property "${definition.name}" already exists.`);
    }
    const property: CrmProperty = { name: definition.name, label: definition.label, type: definition.type, custom: true };
    this.createdProperties.set(objectType, [...(this.createdProperties.get(objectType) ?? []), property]);
    return property;
  }

  async listPipelines(): Promise<Pipeline[]> {
    this.begin('listPipelines');
    return this.options.pipelines ?? defaultMemoryPipelines;
  }

  async listOwners(): Promise<CrmOwner[]> {
    this.begin('listOwners');
    return this.options.owners ?? defaultMemoryOwners;
  }

  async listChanges(objectType: CrmObjectType, since: string, cursor: string | null): Promise<ChangePage> {
    this.begin('listChanges');
    const changed = this.records(objectType)
      .filter((record) => record.updatedAt >= since)
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id));
    const offset = cursor ? Number(cursor) : 0;
    const page = changed.slice(offset, offset + this.batchSize);
    const next = offset + page.length;
    return {
      records: page.map((record) => ({ id: record.id, objectType, updatedAt: record.updatedAt, properties: { ...record.properties } })),
      nextCursor: next < changed.length ? String(next) : null,
    };
  }

  recordUrl(objectType: CrmObjectType, id: string): string {
    return `memory://${objectType}/${id}`;
  }

  private begin(method: Method): void {
    this.calls[method] += 1;
    const failure = this.failures.get(method);
    if (failure) {
      this.failures.delete(method);
      throw failure;
    }
  }

  private write(objectType: CrmObjectType, write: RecordWrite): WriteResult {
    const problem = this.options.rejectWrite?.(objectType, write) ?? this.checkProperties(objectType, write) ?? this.checkAssociations(write);
    if (problem) return { key: write.key, ok: false, error: problem };
    const target = this.findTarget(objectType, write);
    if (target === 'missing') {
      return { key: write.key, ok: false, error: new SyncError('crm.not_found', `No ${objectType} with id ${write.id}.`, { details: { id: write.id } }).toJSON() };
    }
    const record = target ?? this.create(objectType, write.key, {});
    Object.assign(record.properties, write.properties);
    for (const association of write.associations ?? []) record.associations.add(`${association.objectType}:${association.id}`);
    record.updatedAt = new Date(this.clock.now()).toISOString();
    if (!this.get(objectType, this.byKey.get(`${objectType}:${write.key}`) ?? '')) this.byKey.set(`${objectType}:${write.key}`, record.id);
    return { key: write.key, ok: true, id: record.id, created: target === undefined, url: this.recordUrl(objectType, record.id) };
  }

  /** The record a write updates: by id, by idempotency key, then by email; undefined = create. */
  private findTarget(objectType: CrmObjectType, write: RecordWrite): MemoryRecord | 'missing' | undefined {
    const records = this.store.get(objectType);
    if (write.id !== undefined) return records?.get(write.id) ?? 'missing';
    const keyed = this.byKey.get(`${objectType}:${write.key}`);
    const keyedRecord = keyed ? records?.get(keyed) : undefined;
    if (keyedRecord) return keyedRecord;
    if (write.matchBy) {
      const email = lower(write.matchBy.value);
      return this.records(objectType).find((record) => lower(record.properties[this.contactFields.email]) === email);
    }
    return undefined;
  }

  private checkProperties(objectType: CrmObjectType, write: RecordWrite): SyncErrorJson | undefined {
    const known = this.options.properties?.[objectType];
    if (!known) return undefined;
    const all = new Map([...known, ...(this.createdProperties.get(objectType) ?? [])].map((property) => [property.name, property]));
    const bad = Object.keys(write.properties).find((name) => !all.has(name) || all.get(name)?.readOnly);
    if (bad === undefined) return undefined;
    return new SyncError('crm.invalid_property', `Property "${bad}" does not exist on ${objectType} or is read-only.`, { details: { propertyName: bad, objectType } }).toJSON();
  }

  private checkAssociations(write: RecordWrite): SyncErrorJson | undefined {
    const missing = (write.associations ?? []).find((association) => !this.get(association.objectType, association.id));
    if (!missing) return undefined;
    return new SyncError('crm.validation', `Cannot associate with ${missing.objectType} ${missing.id}: it does not exist.`, { details: { ...missing } }).toJSON();
  }

  private create(objectType: CrmObjectType, key: string | undefined, properties: CrmProperties): MemoryRecord {
    const now = new Date(this.clock.now()).toISOString();
    const record: MemoryRecord = { id: String(this.nextId++), objectType, key, properties: { ...properties }, associations: new Set(), createdAt: now, updatedAt: now };
    if (!this.store.has(objectType)) this.store.set(objectType, new Map());
    this.store.get(objectType)?.set(record.id, record);
    if (key !== undefined) this.byKey.set(`${objectType}:${key}`, record.id);
    return record;
  }

  private toContact(record: MemoryRecord): CrmContact {
    const p = record.properties;
    const text = (name: string) => (typeof p[name] === 'string' ? (p[name] as string) : null);
    const f = this.contactFields;
    return {
      id: record.id,
      email: text(f.email),
      firstName: text(f.firstName),
      lastName: text(f.lastName),
      phone: text(f.phone),
      company: text(f.company),
      updatedAt: record.updatedAt,
      properties: { ...p },
    };
  }
}
