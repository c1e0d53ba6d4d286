import { parseTimestamp } from '../util/time';
import { sfFail } from './errors';
import type { SfField, SfObjectDef } from './schema';
import { parseSoql, SoqlSyntaxError, type Condition, type Literal, type SoqlQuery } from './soql';
import type { SalesforceStore, SfRecord, SfValue } from './store';

export interface QueryResult {
  totalSize: number;
  records: Record<string, unknown>[];
}

/** A selected or filtered field: a column of the object or one hop through a lookup (Owner.Name). */
interface ResolvedField {
  path: string;
  field: SfField;
  via?: { reference: SfField; relationship: string };
}

const DAY = 86_400_000;

function invalidField(name: string, def: SfObjectDef) {
  return sfFail(
    400,
    'INVALID_FIELD',
    `No such column '${name}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

function resolveField(store: SalesforceStore, def: SfObjectDef, path: string): ResolvedField {
  const parts = path.split('.');
  const [first, second] = parts;
  if (parts.length === 1 && first) {
    const field = store.fieldOf(def, first);
    if (!field) throw invalidField(first, def);
    return { path: field.name, field };
  }
  if (parts.length === 2 && first && second) {
    const refName = first.endsWith('__r') ? first.replace(/__r$/, '__c') : `${first}Id`;
    const reference = store.fieldOf(def, refName);
    const target = reference?.referenceTo[0] ? store.objectDef(reference.referenceTo[0]) : undefined;
    const field = target ? store.fieldOf(target, second) : undefined;
    if (!reference || reference.type !== 'reference' || !field) throw invalidField(path, def);
    return { path: `${first}.${field.name}`, field, via: { reference, relationship: first } };
  }
  throw invalidField(path, def);
}

function valueOf(store: SalesforceStore, record: SfRecord, f: ResolvedField): SfValue {
  if (!f.via) return record.fields[f.field.name] ?? null;
  const id = record.fields[f.via.reference.name];
  const target = typeof id === 'string' ? store.getAny(id) : undefined;
  return target?.fields[f.field.name] ?? null;
}

/** [start, end) of a relative date literal on the UTC calendar. */
function relativeRange(lit: Extract<Literal, { kind: 'relativeDate' }>, now: number): [number, number] {
  const today = Math.floor(now / DAY) * DAY;
  const n = lit.n ?? 0;
  switch (lit.name) {
    case 'TODAY':
      return [today, today + DAY];
    case 'YESTERDAY':
      return [today - DAY, today];
    case 'TOMORROW':
      return [today + DAY, today + 2 * DAY];
    case 'LAST_N_DAYS':
      return [today - n * DAY, today + DAY];
    case 'NEXT_N_DAYS':
      return [today, today + (n + 1) * DAY];
    default:
      throw sfFail(400, 'MALFORMED_QUERY', `unexpected token: '${lit.name}'`);
  }
}

type Comparable = number | string | boolean | null;

function normalise(field: SfField, value: SfValue | string | number | boolean): Comparable {
  if (value === null) return null;
  if (field.type === 'datetime' || field.type === 'date') return parseTimestamp(String(value));
  if (['int', 'double', 'currency', 'percent'].includes(field.type)) return Number(value);
  if (field.type === 'boolean') return value === true || value === 'true';
  return String(value).toLowerCase();
}

function literalValue(field: SfField, lit: Literal): Comparable {
  switch (lit.kind) {
    case 'null':
      return null;
    case 'relativeDate':
      throw new Error('relative dates are compared as ranges');
    default:
      return normalise(field, lit.value);
  }
}

function compareValues(a: Comparable, b: Comparable): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function matchesCompare(actual: Comparable, op: string, field: SfField, lit: Literal, now: number): boolean {
  if (lit.kind === 'relativeDate') {
    if (actual === null || typeof actual !== 'number') return false;
    const [start, end] = relativeRange(lit, now);
    const ops: Record<string, boolean> = { '=': actual >= start && actual < end, '!=': actual < start || actual >= end, '<': actual < start, '<=': actual < end, '>': actual >= end, '>=': actual >= start };
    return ops[op] ?? false;
  }
  const wanted = literalValue(field, lit);
  if (wanted === null || actual === null) return op === '=' ? wanted === actual : op === '!=' ? wanted !== actual : false;
  const diff = compareValues(actual, wanted);
  const ops: Record<string, boolean> = { '=': diff === 0, '!=': diff !== 0, '<': diff < 0, '<=': diff <= 0, '>': diff > 0, '>=': diff >= 0 };
  return ops[op] ?? false;
}

function likeToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${escaped}$`, 'is');
}

function evaluate(store: SalesforceStore, def: SfObjectDef, record: SfRecord, cond: Condition, now: number): boolean {
  switch (cond.kind) {
    case 'and':
      return evaluate(store, def, record, cond.left, now) && evaluate(store, def, record, cond.right, now);
    case 'or':
      return evaluate(store, def, record, cond.left, now) || evaluate(store, def, record, cond.right, now);
    case 'not':
      return !evaluate(store, def, record, cond.inner, now);
    case 'compare': {
      const f = resolveField(store, def, cond.field);
      return matchesCompare(normalise(f.field, valueOf(store, record, f)), cond.op, f.field, cond.value, now);
    }
    case 'in': {
      const f = resolveField(store, def, cond.field);
      const actual = normalise(f.field, valueOf(store, record, f));
      const found = actual !== null && cond.values.some((v) => compareValues(actual, literalValue(f.field, v)) === 0);
      return cond.negated ? !found : found;
    }
    case 'like': {
      const f = resolveField(store, def, cond.field);
      const actual = valueOf(store, record, f);
      return actual !== null && likeToRegExp(cond.pattern).test(String(actual));
    }
  }
}

/** Validates every field in WHERE up front so an unknown one fails even when no record matches. */
function checkConditionFields(store: SalesforceStore, def: SfObjectDef, cond: Condition | null): void {
  if (!cond) return;
  switch (cond.kind) {
    case 'and':
    case 'or':
      checkConditionFields(store, def, cond.left);
      checkConditionFields(store, def, cond.right);
      return;
    case 'not':
      checkConditionFields(store, def, cond.inner);
      return;
    default:
      resolveField(store, def, cond.field);
  }
}

export function recordUrl(version: string, type: string, id: string): string {
  return `/services/data/${version}/sobjects/${type}/${id}`;
}

function project(store: SalesforceStore, record: SfRecord, fields: ResolvedField[], version: string): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: { type: record.type, url: recordUrl(version, record.type, record.Id) } };
  for (const f of fields) {
    if (!f.via) {
      out[f.field.name] = record.fields[f.field.name] ?? null;
      continue;
    }
    const id = record.fields[f.via.reference.name];
    const target = typeof id === 'string' ? store.getAny(id) : undefined;
    if (!target) {
      out[f.via.relationship] = null;
      continue;
    }
    const nested = (out[f.via.relationship] as Record<string, unknown> | undefined) ?? {
      attributes: { type: target.type, url: recordUrl(version, target.type, target.Id) },
    };
    nested[f.field.name] = target.fields[f.field.name] ?? null;
    out[f.via.relationship] = nested;
  }
  return out;
}

export function parseOrFail(soql: string): SoqlQuery {
  try {
    return parseSoql(soql);
  } catch (error) {
    if (error instanceof SoqlSyntaxError) throw sfFail(400, 'MALFORMED_QUERY', error.message);
    throw error;
  }
}

/** Runs a SOQL query against the store; every matching record, ordered, after LIMIT/OFFSET. */
export function runQuery(store: SalesforceStore, soql: string, now: number, version: string): QueryResult {
  const query = parseOrFail(soql);
  const def = store.objectDef(query.from);
  if (!def) {
    throw sfFail(
      400,
      'INVALID_TYPE',
      `sObject type '${query.from}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  const selected = query.fields.map((f) => resolveField(store, def, f));
  const ordering = query.orderBy.map((o) => ({ ...o, resolved: resolveField(store, def, o.field) }));
  checkConditionFields(store, def, query.where);
  const matched = store.all(def.name).filter((r) => !query.where || evaluate(store, def, r, query.where, now));
  const sorted = matched.sort((a, b) => {
    for (const o of ordering) {
      const av = normalise(o.resolved.field, valueOf(store, a, o.resolved));
      const bv = normalise(o.resolved.field, valueOf(store, b, o.resolved));
      if (av === bv) continue;
      if (av === null) return o.nulls === 'FIRST' ? -1 : 1;
      if (bv === null) return o.nulls === 'FIRST' ? 1 : -1;
      const diff = compareValues(av, bv);
      if (diff !== 0) return o.direction === 'DESC' ? -diff : diff;
    }
    return a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0;
  });
  const sliced = sorted.slice(query.offset, query.limit === null ? undefined : query.offset + query.limit);
  if (query.count) return { totalSize: sliced.length, records: [] };
  return { totalSize: sliced.length, records: sliced.map((r) => project(store, r, selected, version)) };
}
