import type { Request } from 'express';
import { sfFail } from './errors';
import type { SfField, SfObjectDef } from './schema';
import type { SfRecord, WriteOptions } from './store';
import { recordUrl } from './soql-eval';

/** `vNN.N` from the path; anything else is an unknown resource. */
export function versionOf(req: Request): string {
  const version = String(req.params.version ?? '');
  if (!/^v\d{2}\.\d$/.test(version)) throw sfFail(404, 'NOT_FOUND', 'The requested resource does not exist');
  return version;
}

export function writeOptions(req: Request): WriteOptions {
  return { allowSave: /allowSave\s*=\s*true/i.test(req.header('sforce-duplicate-rule-header') ?? '') };
}

export function presentRecord(record: SfRecord, version: string, fields?: string[]): Record<string, unknown> {
  const names = fields?.length ? fields : Object.keys(record.fields);
  return {
    attributes: { type: record.type, url: recordUrl(version, record.type, record.Id) },
    ...Object.fromEntries(names.map((n) => [n, record.fields[n] ?? null])),
  };
}

export function describeField(f: SfField) {
  return {
    name: f.name,
    label: f.label,
    type: f.type,
    length: f.length,
    nillable: f.nillable,
    createable: f.createable,
    updateable: f.updateable,
    defaultedOnCreate: f.defaultedOnCreate,
    idLookup: f.idLookup,
    externalId: f.externalId,
    unique: f.unique,
    custom: f.custom,
    calculated: false,
    restrictedPicklist: f.restrictedPicklist,
    picklistValues: f.picklistValues,
    referenceTo: f.referenceTo,
    relationshipName: f.type === 'reference' ? (f.custom ? f.name.replace(/__c$/, '__r') : f.name.replace(/Id$/, '')) : null,
    filterable: true,
    sortable: f.type !== 'textarea',
    soapType: `xsd:${f.type === 'boolean' ? 'boolean' : ['int'].includes(f.type) ? 'int' : ['double', 'currency', 'percent'].includes(f.type) ? 'double' : f.type === 'date' ? 'date' : f.type === 'datetime' ? 'dateTime' : 'string'}`,
  };
}

export function describeObject(def: SfObjectDef, version: string) {
  return {
    name: def.name,
    label: def.label,
    labelPlural: def.labelPlural,
    keyPrefix: def.keyPrefix,
    custom: false,
    createable: def.createable,
    updateable: def.createable,
    deletable: def.createable,
    queryable: true,
    retrieveable: true,
    searchable: true,
    fields: [...def.fields.values()].map(describeField),
    recordTypeInfos: [],
    urls: {
      sobject: `/services/data/${version}/sobjects/${def.name}`,
      describe: `/services/data/${version}/sobjects/${def.name}/describe`,
      rowTemplate: `/services/data/${version}/sobjects/${def.name}/{ID}`,
    },
  };
}
