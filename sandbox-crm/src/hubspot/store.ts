import type { Clock } from '@synaptiq/shared/ports/clock';
import { findAssociationType } from './association-types';
import { HubspotHttpError, conflict, errorBody, notFound, propertyDoesntExist, validationError, type HubspotErrorDetail } from './errors';
import { coerceValue, isValidEmail, searchablePhone, type IncomingValue } from './property-values';
import { READ_ONLY_PROPERTIES, seedOwners, seedPipelines, seedProperties } from './seed';
import {
  HUBSPOT_OBJECT_TYPES,
  type AssociationEdge,
  type HubspotObjectType,
  type HubspotOwner,
  type HubspotPipeline,
  type HubspotProperty,
  type HubspotRecord,
} from './types';

export type IncomingProperties = Record<string, IncomingValue>;

/** An association requested inline on create: `{to: {id}, types: [{associationCategory, associationTypeId}]}`. */
export interface InlineAssociation {
  toId: string;
  typeIds: number[];
}

const CREATED_PROPERTY: Record<HubspotObjectType, string> = {
  contacts: 'createdate',
  companies: 'createdate',
  deals: 'createdate',
  notes: 'hs_createdate',
  meetings: 'hs_createdate',
};

const SINGULAR: Record<HubspotObjectType, string> = {
  contacts: 'Contact',
  companies: 'Company',
  deals: 'Deal',
  notes: 'Note',
  meetings: 'Meeting',
};

export interface HubspotStoreDeps {
  clock: Clock;
  searchLagMs: () => number;
}

/** The HubSpot account's data: records, properties, pipelines, owners and associations. */
export class HubspotStore {
  records = new Map<HubspotObjectType, Map<string, HubspotRecord>>();
  properties = new Map<HubspotObjectType, Map<string, HubspotProperty>>();
  pipelines: HubspotPipeline[] = seedPipelines();
  owners: HubspotOwner[] = seedOwners();
  /** Keyed by `${type}:${id}`: the edges leaving that record. */
  associations = new Map<string, AssociationEdge[]>();
  nextId = 12_000_000_001;

  constructor(private readonly deps: HubspotStoreDeps) {
    const now = deps.clock.now();
    for (const type of HUBSPOT_OBJECT_TYPES) {
      this.records.set(type, new Map());
      this.properties.set(type, new Map(seedProperties(type, now).map((p) => [p.name, p])));
    }
  }

  recordsOf(type: HubspotObjectType): Map<string, HubspotRecord> {
    const map = this.records.get(type);
    if (!map) throw new Error(`unknown object type ${type}`);
    return map;
  }

  propertiesOf(type: HubspotObjectType): Map<string, HubspotProperty> {
    const map = this.properties.get(type);
    if (!map) throw new Error(`unknown object type ${type}`);
    return map;
  }

  get(type: HubspotObjectType, id: string): HubspotRecord | undefined {
    return this.recordsOf(type).get(id);
  }

  /** Finds by `hs_object_id` (default) or any property; emails compare case-insensitively. */
  findBy(type: HubspotObjectType, idProperty: string | undefined, value: string): HubspotRecord | undefined {
    if (!idProperty || idProperty === 'hs_object_id') return this.get(type, value);
    const wanted = idProperty === 'email' ? value.toLowerCase() : value;
    for (const record of this.recordsOf(type).values()) {
      if (record.properties[idProperty] === wanted) return record;
    }
    return undefined;
  }

  /** Whether the property can key a batch read/upsert: email on contacts, or a property with unique values. */
  isUniqueProperty(type: HubspotObjectType, name: string): boolean {
    if (name === 'hs_object_id' || (type === 'contacts' && name === 'email')) return true;
    return this.propertiesOf(type).get(name)?.hasUniqueValue === true;
  }

  /** Validates and normalises values; throws the whole-request error HubSpot answers. */
  normalise(type: HubspotObjectType, incoming: IncomingProperties, current: Record<string, string> = {}): Record<string, string> {
    const props = this.propertiesOf(type);
    const unknown = Object.keys(incoming).filter((name) => !props.has(name));
    if (unknown.length) throw propertyDoesntExist(unknown);
    const out: Record<string, string> = {};
    const errors: HubspotErrorDetail[] = [];
    for (const [name, raw] of Object.entries(incoming)) {
      if (READ_ONLY_PROPERTIES.has(name)) continue;
      const prop = props.get(name);
      if (!prop) continue;
      const pipelineId = String(incoming.pipeline ?? current.pipeline ?? 'default');
      const result = coerceValue(prop, raw, this.allowedValues(name, pipelineId));
      if (!result.ok) errors.push(result.error);
      else out[name] = name === 'email' ? result.value.toLowerCase() : result.value;
    }
    if (type === 'contacts' && out.email && !isValidEmail(out.email)) {
      errors.push({ message: `Email address ${out.email} is invalid`, code: 'INVALID_EMAIL', context: { propertyName: ['email'] } });
    }
    if (errors.length) {
      throw validationError(`Property values were not valid: ${JSON.stringify(errors.map((e) => e.message))}`, errors);
    }
    return out;
  }

  private allowedValues(name: string, pipelineId: string): string[] | undefined {
    if (name === 'hubspot_owner_id') return this.owners.filter((o) => !o.archived).map((o) => o.id);
    if (name === 'pipeline') return this.pipelines.map((p) => p.id);
    if (name === 'dealstage') return this.pipelines.find((p) => p.id === pipelineId)?.stages.map((s) => s.id) ?? [];
    return undefined;
  }

  private checkRequired(type: HubspotObjectType, props: Record<string, string>): void {
    const missing = (names: string[]) => names.filter((n) => !props[n]);
    let required: string[] = [];
    if (type === 'companies' && !props.name && !props.domain) required = ['name'];
    if (type === 'deals') required = missing(['dealname', 'dealstage', 'pipeline']);
    if (type === 'notes' || type === 'meetings') required = missing(['hs_timestamp']);
    if (!required.length) return;
    throw validationError(
      `Missing required properties: ${required.join(', ')}`,
      required.map((name) => ({
        message: `${name} is required`,
        code: 'REQUIRED_PROPERTY',
        context: { propertyName: [name] },
      })),
    );
  }

  /** 409 CONFLICT when a unique value (contact email or a hasUniqueValue property) is taken by another record. */
  private checkUnique(type: HubspotObjectType, props: Record<string, string>, selfId?: string): void {
    for (const [name, value] of Object.entries(props)) {
      if (!value || name === 'hs_object_id' || !this.isUniqueProperty(type, name)) continue;
      const existing = this.findBy(type, name, value);
      if (existing && existing.id !== selfId) {
        const message =
          type === 'contacts' && name === 'email'
            ? `Contact already exists. Existing ID: ${existing.id}`
            : `${SINGULAR[type]} with ${name} "${value}" already exists. Existing ID: ${existing.id}`;
        throw conflict(message);
      }
    }
  }

  /** Checks inline associations before anything is written (HubSpot creates none if one is invalid). */
  checkAssociations(type: HubspotObjectType, associations: InlineAssociation[]): void {
    for (const assoc of associations) {
      for (const typeId of assoc.typeIds) {
        const def = findAssociationType(typeId);
        if (!def || def.from !== type) {
          throw validationError(`${typeId} is not a valid association type id from ${type}.`, [
            { message: `Invalid association type id ${typeId}`, code: 'INVALID_ASSOCIATION_TYPE' },
          ]);
        }
        if (!this.get(def.to, assoc.toId)) {
          throw validationError(`One or more associations are invalid: ${def.to} ${assoc.toId} does not exist.`, [
            { message: `${def.to} with id ${assoc.toId} does not exist`, code: 'INVALID_ASSOCIATION', context: { toObjectId: [assoc.toId] } },
          ]);
        }
      }
    }
  }

  /** Throws the error HubSpot would answer; writes nothing. Returns the normalised properties. */
  prepareCreate(type: HubspotObjectType, incoming: IncomingProperties, associations: InlineAssociation[] = []): Record<string, string> {
    const props = this.normalise(type, incoming);
    this.checkRequired(type, props);
    this.checkUnique(type, props);
    this.checkAssociations(type, associations);
    return props;
  }

  create(type: HubspotObjectType, incoming: IncomingProperties, associations: InlineAssociation[] = []): HubspotRecord {
    const props = this.prepareCreate(type, incoming, associations);
    const now = this.deps.clock.now();
    const id = String(this.nextId++);
    const record: HubspotRecord = {
      id,
      properties: {},
      createdAt: now,
      updatedAt: now,
      indexed: { properties: null, until: now + this.deps.searchLagMs() },
    };
    record.properties = this.withSystemProperties(type, record, props);
    this.recordsOf(type).set(id, record);
    for (const assoc of associations) for (const typeId of assoc.typeIds) this.associate(type, id, assoc.toId, typeId);
    return record;
  }

  prepareUpdate(type: HubspotObjectType, record: HubspotRecord, incoming: IncomingProperties): Record<string, string> {
    const props = this.normalise(type, incoming, record.properties);
    this.checkUnique(type, props, record.id);
    return props;
  }

  update(type: HubspotObjectType, record: HubspotRecord, incoming: IncomingProperties): HubspotRecord {
    const props = this.prepareUpdate(type, record, incoming);
    const now = this.deps.clock.now();
    record.indexed = { properties: this.searchView(record, now), until: now + this.deps.searchLagMs() };
    record.updatedAt = now;
    record.properties = this.withSystemProperties(type, record, { ...record.properties, ...props });
    return record;
  }

  archive(type: HubspotObjectType, id: string): void {
    this.recordsOf(type).delete(id);
    this.associations.delete(`${type}:${id}`);
    for (const [key, edges] of this.associations) {
      this.associations.set(key, edges.filter((e) => !(e.toType === type && e.toId === id)));
    }
  }

  /** The properties search sees at `now` (null: not indexed yet). */
  searchView(record: HubspotRecord, now: number): Record<string, string> | null {
    return now >= record.indexed.until ? record.properties : record.indexed.properties;
  }

  private withSystemProperties(type: HubspotObjectType, record: HubspotRecord, props: Record<string, string>): Record<string, string> {
    const out = Object.fromEntries(Object.entries(props).filter(([, v]) => v !== ''));
    const defined = this.propertiesOf(type);
    out.hs_object_id = record.id;
    out[CREATED_PROPERTY[type]] ??= new Date(record.createdAt).toISOString();
    for (const name of ['lastmodifieddate', 'hs_lastmodifieddate']) {
      if (defined.has(name)) out[name] = new Date(record.updatedAt).toISOString();
    }
    if (type === 'contacts') {
      const phone = out.phone ?? out.mobilephone;
      if (phone) out.hs_searchable_calculated_phone_number = searchablePhone(phone);
      else delete out.hs_searchable_calculated_phone_number;
    }
    return out;
  }

  /** Adds the association and its inverse; a no-op if it exists. */
  associate(fromType: HubspotObjectType, fromId: string, toId: string, typeId: number): AssociationEdge {
    const def = findAssociationType(typeId);
    if (!def || def.from !== fromType) throw validationError(`${typeId} is not a valid association type id from ${fromType}.`);
    const edge: AssociationEdge = { fromType, fromId, toType: def.to, toId, typeId, category: 'HUBSPOT_DEFINED' };
    this.addEdge(edge);
    this.addEdge({ fromType: def.to, fromId: toId, toType: fromType, toId: fromId, typeId: def.inverse, category: 'HUBSPOT_DEFINED' });
    return edge;
  }

  private addEdge(edge: AssociationEdge): void {
    const key = `${edge.fromType}:${edge.fromId}`;
    const edges = this.associations.get(key) ?? [];
    if (!edges.some((e) => e.toType === edge.toType && e.toId === edge.toId && e.typeId === edge.typeId)) edges.push(edge);
    this.associations.set(key, edges);
  }

  /** Removes every association between the two records, both directions. */
  dissociate(fromType: HubspotObjectType, fromId: string, toType: HubspotObjectType, toId: string): void {
    const drop = (aType: HubspotObjectType, aId: string, bType: HubspotObjectType, bId: string) => {
      const key = `${aType}:${aId}`;
      const edges = this.associations.get(key);
      if (edges) this.associations.set(key, edges.filter((e) => !(e.toType === bType && e.toId === bId)));
    };
    drop(fromType, fromId, toType, toId);
    drop(toType, toId, fromType, fromId);
  }

  associationsOf(fromType: HubspotObjectType, fromId: string, toType: HubspotObjectType): AssociationEdge[] {
    return (this.associations.get(`${fromType}:${fromId}`) ?? []).filter((e) => e.toType === toType);
  }

  requireRecord(type: HubspotObjectType, id: string): HubspotRecord {
    const record = this.get(type, id);
    if (!record) throw notFound(`resource not found`);
    return record;
  }

  /** A custom property (POST /crm/v3/properties/{type}). */
  addProperty(type: HubspotObjectType, prop: HubspotProperty): HubspotProperty {
    const props = this.propertiesOf(type);
    if (props.has(prop.name)) {
      throw new HubspotHttpError(409, errorBody('OBJECT_ALREADY_EXISTS', `Property named '${prop.name}' already exists.`));
    }
    props.set(prop.name, prop);
    return prop;
  }
}
