import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { HubspotStore } from './hubspot/store';
import { HUBSPOT_OBJECT_TYPES, type HubspotObjectType } from './hubspot/types';
import type { SalesforceStore } from './salesforce/store';

const hubspotRecord = z.object({
  id: z.string(),
  properties: z.record(z.string(), z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const hubspotProperty = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  fieldType: z.string(),
  groupName: z.string(),
  description: z.string(),
  options: z.array(z.object({ label: z.string(), value: z.string(), displayOrder: z.number(), hidden: z.boolean() })),
  hasUniqueValue: z.boolean(),
  calculated: z.boolean(),
  hubspotDefined: z.boolean(),
  readOnlyValue: z.boolean(),
  displayOrder: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const objectType = z.enum(HUBSPOT_OBJECT_TYPES);

const edge = z.object({
  fromType: objectType,
  fromId: z.string(),
  toType: objectType,
  toId: z.string(),
  typeId: z.number(),
  category: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED']),
});

const sfValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const sfField = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(['id', 'string', 'email', 'phone', 'url', 'textarea', 'picklist', 'combobox', 'reference', 'date', 'datetime', 'double', 'currency', 'percent', 'int', 'boolean']),
  length: z.number(),
  nillable: z.boolean(),
  createable: z.boolean(),
  updateable: z.boolean(),
  defaultedOnCreate: z.boolean(),
  idLookup: z.boolean(),
  externalId: z.boolean(),
  unique: z.boolean(),
  custom: z.boolean(),
  restrictedPicklist: z.boolean(),
  picklistValues: z.array(z.object({ value: z.string(), label: z.string(), active: z.boolean(), defaultValue: z.boolean() })),
  referenceTo: z.array(z.string()),
});

/** The data file: records and custom schema of both CRMs (config, tokens and stats are not saved). */
export const snapshotSchema = z.object({
  version: z.literal(1),
  hubspot: z.object({
    nextId: z.number(),
    records: z.partialRecord(objectType, z.array(hubspotRecord)),
    customProperties: z.partialRecord(objectType, z.array(hubspotProperty)),
    associations: z.array(edge),
  }),
  salesforce: z.object({
    counter: z.number(),
    customFieldCounter: z.number(),
    records: z.array(z.object({ Id: z.string(), type: z.string(), fields: z.record(z.string(), sfValue) })),
    customFields: z.record(z.string(), z.array(sfField)),
  }),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export function takeSnapshot(hubspot: HubspotStore, salesforce: SalesforceStore): Snapshot {
  const byType = <T>(pick: (t: HubspotObjectType) => T[]) => Object.fromEntries(HUBSPOT_OBJECT_TYPES.map((t) => [t, pick(t)]));
  return {
    version: 1,
    hubspot: {
      nextId: hubspot.nextId,
      records: byType((t) => [...hubspot.recordsOf(t).values()].map(({ id, properties, createdAt, updatedAt }) => ({ id, properties, createdAt, updatedAt }))),
      customProperties: byType((t) => [...hubspot.propertiesOf(t).values()].filter((p) => !p.hubspotDefined)),
      associations: [...hubspot.associations.values()].flat(),
    },
    salesforce: {
      counter: salesforce.counter,
      customFieldCounter: salesforce.customFieldCounter,
      records: [...salesforce.records.entries()]
        .filter(([type]) => type !== 'User' && type !== 'OpportunityStage')
        .flatMap(([, map]) => [...map.values()]),
      customFields: Object.fromEntries([...salesforce.objects.values()].map((o) => [o.name, [...o.fields.values()].filter((f) => f.custom)])),
    },
  };
}

export function restoreSnapshot(snapshot: Snapshot, hubspot: HubspotStore, salesforce: SalesforceStore): void {
  hubspot.nextId = Math.max(hubspot.nextId, snapshot.hubspot.nextId);
  for (const type of HUBSPOT_OBJECT_TYPES) {
    for (const p of snapshot.hubspot.customProperties[type] ?? []) hubspot.propertiesOf(type).set(p.name, p);
    for (const r of snapshot.hubspot.records[type] ?? []) {
      hubspot.recordsOf(type).set(r.id, { ...r, indexed: { properties: null, until: 0 } });
    }
  }
  for (const e of snapshot.hubspot.associations) {
    const key = `${e.fromType}:${e.fromId}`;
    hubspot.associations.set(key, [...(hubspot.associations.get(key) ?? []), e]);
  }
  salesforce.counter = Math.max(salesforce.counter, snapshot.salesforce.counter);
  salesforce.customFieldCounter = snapshot.salesforce.customFieldCounter;
  for (const [objectName, fields] of Object.entries(snapshot.salesforce.customFields)) {
    const def = salesforce.objectDef(objectName);
    for (const f of fields) def?.fields.set(f.name, f);
  }
  for (const r of snapshot.salesforce.records) salesforce.records.get(r.type)?.set(r.Id.slice(0, 15), r);
}

export function loadSnapshot(file: string): Snapshot | null {
  if (!existsSync(file)) return null;
  const parsed = snapshotSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a sandbox data file: ${parsed.error.message}`);
  return parsed.data;
}

/** Writes through a temporary file so a crash never leaves half a file. */
export function saveSnapshot(file: string, snapshot: Snapshot): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(snapshot));
  renameSync(tmp, file);
}
