import type { Clock } from '@synaptiq/shared/ports/clock';
import { salesforceId, salesforceIdKey } from '../util/ids';
import { parseTimestamp, salesforceTime } from '../util/time';
import { SalesforceHttpError, sfError, sfFail, type SfError } from './errors';
import { coerceFieldValue, duplicatesDetected } from './field-values';
import { OPPORTUNITY_STAGES, standardObjects, type SfField, type SfObjectDef } from './schema';

export type SfValue = string | number | boolean | null;

export interface SfRecord {
  Id: string;
  type: string;
  fields: Record<string, SfValue>;
}

export type PreparedWrite = { ok: true; commit: () => SfRecord } | { ok: false; errors: SfError[] };

export interface WriteOptions {
  /** Sforce-Duplicate-Rule-Header: allowSave=true */
  allowSave: boolean;
}

export interface SalesforceStoreDeps {
  clock: Clock;
  duplicateRuleActive: (type: string) => boolean;
}

const SAMPLE_USERS: [string, string, string, boolean][] = [
  ['Sarah', 'Chen', 'sarah.chen@acme-sandbox.example', true],
  ['Marcus', 'Johnson', 'marcus.johnson@acme-sandbox.example', true],
  ['Priya', 'Patel', 'priya.patel@acme-sandbox.example', true],
  ['Diego', 'Alvarez', 'diego.alvarez@acme-sandbox.example', true],
  ['Tom', 'Baker', 'tom.baker@acme-sandbox.example', false],
];

/** The Salesforce org's data: object definitions (with custom fields) and records. */
export class SalesforceStore {
  objects = new Map<string, SfObjectDef>();
  records = new Map<string, Map<string, SfRecord>>();
  counter = 1;
  customFieldCounter = 1;
  /** The integration user: owner and modifier of everything the API writes. */
  readonly apiUserId: string;

  constructor(private readonly deps: SalesforceStoreDeps) {
    for (const def of standardObjects()) {
      this.objects.set(def.name, def);
      this.records.set(def.name, new Map());
    }
    const users = SAMPLE_USERS.map(([first, last, email, active]) =>
      this.insert('User', { FirstName: first, LastName: last, Email: email, Username: email, IsActive: active, Alias: (first[0] + last).slice(0, 8).toLowerCase(), UserType: 'Standard' }),
    );
    this.apiUserId = users[0]?.Id ?? '';
    OPPORTUNITY_STAGES.forEach((s, i) =>
      this.insert('OpportunityStage', {
        MasterLabel: s.label,
        ApiName: s.label,
        IsActive: true,
        IsClosed: s.closed,
        IsWon: s.won,
        SortOrder: i + 1,
        DefaultProbability: s.probability,
        ForecastCategoryName: s.forecast,
      }),
    );
  }

  /** Case-insensitive object lookup (SOQL and URLs accept any case). */
  objectDef(name: string): SfObjectDef | undefined {
    const direct = this.objects.get(name);
    if (direct) return direct;
    return [...this.objects.values()].find((o) => o.name.toLowerCase() === name.toLowerCase());
  }

  requireObject(name: string): SfObjectDef {
    const def = this.objectDef(name);
    if (!def) throw sfFail(404, 'NOT_FOUND', `The requested resource does not exist`);
    return def;
  }

  fieldOf(def: SfObjectDef, name: string): SfField | undefined {
    return def.fields.get(name) ?? [...def.fields.values()].find((f) => f.name.toLowerCase() === name.toLowerCase());
  }

  all(type: string): SfRecord[] {
    return [...(this.records.get(type)?.values() ?? [])];
  }

  get(type: string, id: string): SfRecord | undefined {
    return this.records.get(type)?.get(salesforceIdKey(id));
  }

  /** Any record by id, whatever its type (ids carry their object's key prefix). */
  getAny(id: string): SfRecord | undefined {
    const def = [...this.objects.values()].find((o) => id.startsWith(o.keyPrefix));
    return def ? this.get(def.name, id) : undefined;
  }

  findByField(type: string, fieldName: string, value: SfValue): SfRecord[] {
    const def = this.requireObject(type);
    const f = this.fieldOf(def, fieldName);
    if (!f) return [];
    const wanted = typeof value === 'string' ? value.toLowerCase() : value;
    if (f.name === 'Id' && typeof value === 'string') return [this.get(def.name, value)].filter((r): r is SfRecord => !!r);
    return this.all(def.name).filter((r) => {
      const v = r.fields[f.name];
      return (typeof v === 'string' ? v.toLowerCase() : v) === wanted && v !== null && v !== undefined;
    });
  }

  /**
   * Rejects unknown fields for the whole request (Salesforce fails to deserialize the body) and returns
   * per-record problems (read-only fields, bad values, missing required fields) as errors.
   */
  checkUnknownFields(def: SfObjectDef, input: Record<string, unknown>): void {
    for (const name of Object.keys(input)) {
      if (name === 'attributes') continue;
      if (!this.fieldOf(def, name)) {
        throw sfFail(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${def.name}`, [name]);
      }
    }
  }

  private coerce(def: SfObjectDef, input: Record<string, unknown>, mode: 'create' | 'update'): { values: Record<string, SfValue>; errors: SfError[] } {
    const values: Record<string, SfValue> = {};
    const errors: SfError[] = [];
    const readOnly: string[] = [];
    for (const [rawName, raw] of Object.entries(input)) {
      if (rawName === 'attributes' || rawName === 'Id') continue;
      const f = this.fieldOf(def, rawName);
      if (!f) continue;
      if (mode === 'create' ? !f.createable : !f.updateable) {
        readOnly.push(f.name);
        continue;
      }
      const result = coerceFieldValue(f, raw, (id) => this.getAny(id));
      if (typeof result === 'object' && result !== null && 'errorCode' in result) errors.push(result);
      else values[f.name] = result;
    }
    if (readOnly.length) {
      errors.push(
        sfError(
          'INVALID_FIELD_FOR_INSERT_UPDATE',
          `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          readOnly,
        ),
      );
    }
    return { values, errors };
  }

  /** Required fields without a value; a defaulted field counts only when it was explicitly cleared. */
  private missingRequired(def: SfObjectDef, values: Record<string, SfValue>): string[] {
    const missing = [...def.fields.values()]
      .filter((f) => !f.nillable && f.createable && f.type !== 'boolean')
      .filter((f) => (f.defaultedOnCreate ? values[f.name] === null : values[f.name] === null || values[f.name] === undefined))
      .map((f) => f.name);
    if (def.name === 'Event') {
      if (values.EndDateTime == null && values.DurationInMinutes == null) missing.push('DurationInMinutes');
      if (values.StartDateTime == null && values.ActivityDateTime == null) missing.push('ActivityDateTime');
    }
    return missing;
  }

  /** Salesforce refuses a related record (WhatId) on an activity whose WhoId is a Lead. */
  private activityIntegrity(def: SfObjectDef, merged: Record<string, SfValue>): SfError[] {
    if (def.name !== 'Task' && def.name !== 'Event') return [];
    const who = typeof merged.WhoId === 'string' ? this.getAny(merged.WhoId) : undefined;
    if (who?.type !== 'Lead' || !merged.WhatId) return [];
    return [sfError('FIELD_INTEGRITY_EXCEPTION', 'field integrity exception: WhoId, WhatId (a Lead cannot have a Related To record)', ['WhoId', 'WhatId'])];
  }

  /** Unique fields (External IDs marked unique, Username) reject a value another record holds. */
  private uniqueViolations(def: SfObjectDef, values: Record<string, SfValue>, selfId: string | null): SfError[] {
    return Object.entries(values).flatMap(([name, value]) => {
      const f = def.fields.get(name);
      if (!f?.unique || value === null) return [];
      const other = this.findByField(def.name, name, value).find((r) => r.Id !== selfId);
      return other ? [sfError('DUPLICATE_VALUE', `duplicate value found: ${name} duplicates value on record with id: ${other.Id}`, [name])] : [];
    });
  }

  private duplicates(def: SfObjectDef, values: Record<string, SfValue>, selfId: string | null, options: WriteOptions): SfError | null {
    if (options.allowSave || !this.deps.duplicateRuleActive(def.name) || typeof values.Email !== 'string') return null;
    const matches = this.findByField(def.name, 'Email', values.Email).filter((r) => r.Id !== selfId);
    if (!matches.length) return null;
    return duplicatesDetected(def.name, matches.map((m) => m.Id));
  }

  prepareCreate(type: string, input: Record<string, unknown>, options: WriteOptions): PreparedWrite {
    const def = this.requireObject(type);
    if (!def.createable) throw sfFail(400, 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', `entity type ${def.name} does not support insert`);
    this.checkUnknownFields(def, input);
    const { values, errors } = this.coerce(def, input, 'create');
    const withDefaults = { ...this.defaults(def), ...values };
    // A field that was sent but rejected is reported once, for its value, not again as missing.
    const sent = new Set(errors.flatMap((e) => e.fields ?? []));
    const missing = this.missingRequired(def, withDefaults).filter((n) => !sent.has(n));
    if (missing.length) errors.push(sfError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing));
    errors.push(...this.uniqueViolations(def, values, null), ...this.activityIntegrity(def, withDefaults));
    const dup = errors.length ? null : this.duplicates(def, withDefaults, null, options);
    if (dup) errors.push(dup);
    if (errors.length) return { ok: false, errors };
    return { ok: true, commit: () => this.insert(def.name, withDefaults) };
  }

  prepareUpdate(type: string, id: string, input: Record<string, unknown>, options: WriteOptions): PreparedWrite {
    const def = this.requireObject(type);
    this.checkUnknownFields(def, input);
    const record = this.get(def.name, id);
    if (!record) return { ok: false, errors: [sfError('ENTITY_IS_DELETED', 'entity is deleted', [])] };
    const { values, errors } = this.coerce(def, input, 'update');
    const merged = { ...record.fields, ...values };
    const cleared = this.missingRequired(def, merged).filter((n) => n in values);
    if (cleared.length) errors.push(sfError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${cleared.join(', ')}]`, cleared));
    errors.push(...this.uniqueViolations(def, values, record.Id), ...this.activityIntegrity(def, merged));
    const dup = errors.length || !('Email' in values) ? null : this.duplicates(def, merged, record.Id, options);
    if (dup) errors.push(dup);
    if (errors.length) return { ok: false, errors };
    return { ok: true, commit: () => this.apply(record, values) };
  }

  private defaults(def: SfObjectDef): Record<string, SfValue> {
    const out: Record<string, SfValue> = {};
    for (const f of def.fields.values()) {
      const d = f.picklistValues.find((p) => p.defaultValue);
      if (d && f.createable) out[f.name] = d.value;
      if (f.type === 'boolean' && f.createable) out[f.name] = false;
    }
    if (def.fields.has('OwnerId') && this.apiUserId) out.OwnerId = this.apiUserId;
    return out;
  }

  /** Writes a record with system fields; used by seeding too (no validation). */
  insert(type: string, values: Record<string, SfValue>): SfRecord {
    const def = this.requireObject(type);
    const Id = salesforceId(def.keyPrefix, this.counter++);
    const now = salesforceTime(this.deps.clock.now());
    const record: SfRecord = {
      Id,
      type: def.name,
      fields: { ...values, Id, IsDeleted: false, CreatedDate: now, CreatedById: this.apiUserId || Id, LastModifiedDate: now, LastModifiedById: this.apiUserId || Id, SystemModstamp: now },
    };
    this.computeDerived(record);
    this.records.get(def.name)?.set(salesforceIdKey(Id), record);
    return record;
  }

  private apply(record: SfRecord, values: Record<string, SfValue>): SfRecord {
    const now = salesforceTime(this.deps.clock.now());
    Object.assign(record.fields, values, { LastModifiedDate: now, SystemModstamp: now, LastModifiedById: this.apiUserId });
    this.computeDerived(record);
    return record;
  }

  private computeDerived(record: SfRecord): void {
    const f = record.fields;
    if (['Lead', 'Contact', 'User'].includes(record.type)) {
      f.Name = [f.FirstName, f.LastName].filter((v) => v !== null && v !== undefined && v !== '').join(' ');
    }
    if (record.type === 'Opportunity') {
      const stage = OPPORTUNITY_STAGES.find((s) => s.label === f.StageName);
      f.IsClosed = stage?.closed ?? false;
      f.IsWon = stage?.won ?? false;
      if (f.Probability === undefined || f.Probability === null) f.Probability = stage?.probability ?? null;
    }
    if (record.type === 'Lead' && f.IsConverted === undefined) f.IsConverted = false;
    if (record.type === 'Event' && typeof f.StartDateTime === 'string') {
      // Salesforce keeps ActivityDateTime and DurationInMinutes in step with the start and end.
      f.ActivityDateTime = f.StartDateTime;
      if (typeof f.EndDateTime === 'string') {
        f.DurationInMinutes = Math.round((parseTimestamp(f.EndDateTime) - parseTimestamp(f.StartDateTime)) / 60_000);
      }
    }
  }

  remove(type: string, id: string): boolean {
    return this.records.get(type)?.delete(salesforceIdKey(id)) ?? false;
  }

  /** A custom field from the Tooling API ("Create in CRM"); Activity fields appear on both Task and Event. */
  addCustomField(objectName: string, f: SfField): string {
    const targets = objectName.toLowerCase() === 'activity' ? ['Task', 'Event'] : [objectName];
    const defs = targets.map((name) => {
      const def = this.objectDef(name);
      if (!def) throw sfFail(400, 'INVALID_TYPE', `sObject type '${objectName}' is not supported.`);
      if (this.fieldOf(def, f.name)) {
        throw new SalesforceHttpError(400, [sfError('DUPLICATE_DEVELOPER_NAME', `There's already a field named ${f.name} on ${objectName}.`, [])]);
      }
      return def;
    });
    for (const def of defs) def.fields.set(f.name, { ...f });
    return salesforceId('00N', this.customFieldCounter++);
  }
}
