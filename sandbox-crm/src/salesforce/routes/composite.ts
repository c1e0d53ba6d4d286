import { Router } from 'express';
import { z } from 'zod';
import type { SandboxContext } from '../../http/context';
import { sfError, sfFail, toCollectionError, type SfError } from '../errors';
import { presentRecord, versionOf, writeOptions } from '../present';
import type { PreparedWrite, SfRecord } from '../store';
import { externalIdField } from './sobjects';

const MAX_RECORDS = 200;

const collectionSchema = z.object({
  allOrNone: z.boolean().default(false),
  records: z.array(z.object({ attributes: z.object({ type: z.string() }).optional() }).catchall(z.unknown())),
});

function parseCollection(body: unknown) {
  const parsed = collectionSchema.safeParse(body);
  if (!parsed.success) throw sfFail(400, 'JSON_PARSER_ERROR', 'The request body must be {allOrNone, records: [{attributes: {type}, …}]}.');
  if (parsed.data.records.length > MAX_RECORDS) {
    throw sfFail(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`);
  }
  return parsed.data;
}

const ROLLED_BACK = sfError('ALL_OR_NONE_OPERATION_ROLLED_BACK', 'Record rolled back because not all records were valid and the request was using AllOrNone header');

type Outcome = { prepared: PreparedWrite; created?: boolean };

/**
 * With allOrNone, one failure rolls back every record; without it, valid records are saved.
 * Results keep the input order; errors use `statusCode`.
 */
function settle(outcomes: Outcome[], allOrNone: boolean, withCreated: boolean) {
  const failed = outcomes.some((o) => !o.prepared.ok);
  return outcomes.map((o) => {
    const created = withCreated ? { created: o.created ?? false } : {};
    if (!o.prepared.ok) return { success: false, errors: o.prepared.errors.map(toCollectionError), ...created };
    if (allOrNone && failed) return { success: false, errors: [toCollectionError(ROLLED_BACK)], ...created };
    const record: SfRecord = o.prepared.commit();
    return { id: record.Id, success: true, errors: [] as SfError[], ...created };
  });
}

/**
 * sObject Collections: create, update, upsert by external id (≤ 200 records), retrieve and delete.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections.htm
 */
export function compositeRoutes(ctx: SandboxContext): Router {
  const router = Router();
  const base = '/services/data/:version/composite/sobjects';

  const typeOf = (record: { attributes?: { type: string } }) => {
    const type = record.attributes?.type;
    if (!type) throw sfFail(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
    return ctx.salesforce.requireObject(type).name;
  };

  router.post(base, (req, res) => {
    versionOf(req);
    const { allOrNone, records } = parseCollection(req.body);
    const options = writeOptions(req);
    const outcomes = records.map((r) => {
      const { attributes: _a, ...fields } = r;
      const type = typeOf(r);
      if ('Id' in fields) return { prepared: { ok: false as const, errors: [sfError('INVALID_FIELD', 'cannot specify Id in an insert call', ['Id'])] } };
      return { prepared: ctx.salesforce.prepareCreate(type, fields, options) };
    });
    const results = settle(outcomes, allOrNone, false);
    ctx.changed();
    res.json(results);
  });

  router.patch(base, (req, res) => {
    versionOf(req);
    const { allOrNone, records } = parseCollection(req.body);
    const options = writeOptions(req);
    const outcomes = records.map((r) => {
      const { attributes: _a, id, Id, ...fields } = r;
      const recordId = String(id ?? Id ?? '');
      const type = typeOf(r);
      if (!ctx.salesforce.get(type, recordId)) {
        return { prepared: { ok: false as const, errors: [sfError('MALFORMED_ID', `invalid record id`, ['Id'])] } };
      }
      return { prepared: ctx.salesforce.prepareUpdate(type, recordId, fields, options) };
    });
    const results = settle(outcomes, allOrNone, false).map((r, i) => ({ id: String(records[i]?.id ?? records[i]?.Id ?? ''), ...r }));
    ctx.changed();
    res.json(results);
  });

  // Upsert by external id: https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_upsert.htm
  router.patch(`${base}/:type/:extIdField`, (req, res) => {
    versionOf(req);
    const def = ctx.salesforce.requireObject(String(req.params.type));
    const f = externalIdField(ctx, def, String(req.params.extIdField));
    const { allOrNone, records } = parseCollection(req.body);
    const options = writeOptions(req);
    // The same external id twice in one call is an error for the later record, as in Salesforce.
    const outcomes: Outcome[] = [];
    const pendingKeys = new Map<string, number>();
    for (const r of records) {
      const { attributes: _a, ...fields } = r;
      const key = fields[f.name];
      if (key === undefined || key === null || key === '') {
        outcomes.push({ prepared: { ok: false, errors: [sfError('MISSING_ARGUMENT', `${f.name} not specified`, [f.name])] } });
        continue;
      }
      const norm = String(key).toLowerCase();
      if (pendingKeys.has(norm)) {
        outcomes.push({ prepared: { ok: false, errors: [sfError('DUPLICATE_EXTERNAL_ID', `Duplicate external id specified: ${String(key)}`, [f.name])] } });
        continue;
      }
      pendingKeys.set(norm, outcomes.length);
      const matches = ctx.salesforce.findByField(def.name, f.name, String(key));
      if (matches.length > 1) {
        outcomes.push({
          prepared: {
            ok: false,
            errors: [sfError('DUPLICATE_EXTERNAL_ID', `${f.name}: more than one record found for external id field: [${matches.map((m) => m.Id).join(', ')}]`, [f.name])],
          },
        });
        continue;
      }
      const [existing] = matches;
      outcomes.push(
        existing
          ? { prepared: ctx.salesforce.prepareUpdate(def.name, existing.Id, fields, options), created: false }
          : { prepared: ctx.salesforce.prepareCreate(def.name, fields, options), created: true },
      );
    }
    const results = settle(outcomes, allOrNone, true);
    ctx.changed();
    res.json(results);
  });

  const retrieve = (version: string, type: string, ids: string[], fields: string[]) => {
    const def = ctx.salesforce.requireObject(type);
    for (const name of fields) if (!ctx.salesforce.fieldOf(def, name)) throw sfFail(400, 'INVALID_FIELD', `No such column '${name}' on entity '${def.name}'.`);
    return ids.map((id) => {
      const record = ctx.salesforce.get(def.name, id);
      return record ? presentRecord(record, version, fields) : null;
    });
  };

  router.get(`${base}/:type`, (req, res) => {
    const version = versionOf(req);
    const list = (v: unknown) => (typeof v === 'string' ? v.split(',').filter(Boolean) : []);
    res.json(retrieve(version, String(req.params.type), list(req.query.ids), list(req.query.fields)));
  });

  router.post(`${base}/:type`, (req, res) => {
    const version = versionOf(req);
    const body = z.object({ ids: z.array(z.string()).max(2000), fields: z.array(z.string()).min(1) }).safeParse(req.body);
    if (!body.success) throw sfFail(400, 'JSON_PARSER_ERROR', 'The request body must be {ids: [...], fields: [...]}.');
    res.json(retrieve(version, String(req.params.type), body.data.ids, body.data.fields));
  });

  router.delete(base, (req, res) => {
    versionOf(req);
    const ids = typeof req.query.ids === 'string' ? req.query.ids.split(',').filter(Boolean) : [];
    if (ids.length > MAX_RECORDS) throw sfFail(400, 'EXCEEDED_ID_LIMIT', `cannot delete more than ${MAX_RECORDS} records`);
    const results = ids.map((id) => {
      const record = ctx.salesforce.getAny(id);
      if (!record) return { id, success: false, errors: [toCollectionError(sfError('ENTITY_IS_DELETED', 'entity is deleted'))] };
      ctx.salesforce.remove(record.type, id);
      return { id, success: true, errors: [] };
    });
    ctx.changed();
    res.json(results);
  });

  return router;
}
