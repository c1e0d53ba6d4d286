import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { SandboxContext } from '../../http/context';
import { sfFail, SalesforceHttpError } from '../errors';
import { describeObject, presentRecord, versionOf, writeOptions } from '../present';
import { recordUrl } from '../soql-eval';
import type { SfObjectDef } from '../schema';

const recordBody = z.record(z.string(), z.unknown());

function parseRecordBody(body: unknown): Record<string, unknown> {
  const parsed = recordBody.safeParse(body);
  if (!parsed.success) throw sfFail(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object of field values.');
  return parsed.data;
}

function fieldsParam(req: Request): string[] | undefined {
  return typeof req.query.fields === 'string' ? req.query.fields.split(',').map((f) => f.trim()).filter(Boolean) : undefined;
}

/** The field to match on for `/sobjects/{type}/{field}/{value}`: Id, an idLookup field (Email) or an External ID. */
export function externalIdField(ctx: SandboxContext, def: SfObjectDef, name: string) {
  const f = ctx.salesforce.fieldOf(def, name);
  if (!f || !(f.idLookup || f.externalId)) {
    throw sfFail(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${name}`);
  }
  return f;
}

/**
 * sObject basics: describe, create (201), retrieve, update (204), delete (204), and rows by external id
 * (upsert: 201 created, 200 updated, 300 when several records match).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_basic_info.htm
 */
export function sobjectRoutes(ctx: SandboxContext): Router {
  const router = Router();
  const base = '/services/data/:version/sobjects';

  router.get(base, (req, res) => {
    const version = versionOf(req);
    res.json({
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: [...ctx.salesforce.objects.values()].map((d) => {
        const { fields: _fields, ...rest } = describeObject(d, version);
        return rest;
      }),
    });
  });

  router.get(`${base}/:type/describe`, (req, res) => {
    res.json(describeObject(ctx.salesforce.requireObject(String(req.params.type)), versionOf(req)));
  });

  router.get(`${base}/:type`, (req, res) => {
    const version = versionOf(req);
    const def = ctx.salesforce.requireObject(String(req.params.type));
    const { fields: _fields, ...objectDescribe } = describeObject(def, version);
    res.json({ objectDescribe, recentItems: [] });
  });

  // Ids of records changed in a window: https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getupdated.htm
  router.get(`${base}/:type/updated`, (req, res) => {
    const def = ctx.salesforce.requireObject(String(req.params.type));
    const start = Date.parse(String(req.query.start ?? ''));
    const end = Date.parse(String(req.query.end ?? ''));
    if (Number.isNaN(start) || Number.isNaN(end)) throw sfFail(400, 'MALFORMED_QUERY', 'start and end must be ISO 8601 datetimes');
    const ids = ctx.salesforce
      .all(def.name)
      .filter((r) => {
        const t = Date.parse(String(r.fields.SystemModstamp).replace('+0000', 'Z'));
        return t >= start && t < end;
      })
      .map((r) => r.Id);
    res.json({ ids, latestDateCovered: new Date(Math.min(end, ctx.clock.now())).toISOString().replace('Z', '+0000') });
  });

  router.post(`${base}/:type`, (req, res) => {
    const def = ctx.salesforce.requireObject(String(req.params.type));
    const prepared = ctx.salesforce.prepareCreate(def.name, parseRecordBody(req.body), writeOptions(req));
    if (!prepared.ok) throw new SalesforceHttpError(400, prepared.errors);
    const record = prepared.commit();
    ctx.changed();
    res.status(201).json({ id: record.Id, success: true, errors: [] });
  });

  router.get(`${base}/:type/:id`, (req, res) => {
    const version = versionOf(req);
    const def = ctx.salesforce.requireObject(String(req.params.type));
    const record = ctx.salesforce.get(def.name, String(req.params.id));
    if (!record) throw sfFail(404, 'NOT_FOUND', 'The requested resource does not exist');
    res.json(presentRecord(record, version, fieldsParam(req)));
  });

  router.patch(`${base}/:type/:id`, (req, res) => {
    const def = ctx.salesforce.requireObject(String(req.params.type));
    const id = String(req.params.id);
    if (!ctx.salesforce.get(def.name, id)) throw sfFail(404, 'NOT_FOUND', 'The requested resource does not exist');
    const prepared = ctx.salesforce.prepareUpdate(def.name, id, parseRecordBody(req.body), writeOptions(req));
    if (!prepared.ok) throw new SalesforceHttpError(400, prepared.errors);
    prepared.commit();
    ctx.changed();
    res.status(204).end();
  });

  router.delete(`${base}/:type/:id`, (req, res) => {
    const def = ctx.salesforce.requireObject(String(req.params.type));
    if (!ctx.salesforce.remove(def.name, String(req.params.id))) throw sfFail(404, 'ENTITY_IS_DELETED', 'entity is deleted');
    ctx.changed();
    res.status(204).end();
  });

  const multipleChoices = (res: Response, version: string, type: string, ids: string[]) => {
    res.status(300).json(ids.map((id) => recordUrl(version, type, id)));
  };

  router.get(`${base}/:type/:field/:value`, (req, res) => {
    const version = versionOf(req);
    const def = ctx.salesforce.requireObject(String(req.params.type));
    const f = externalIdField(ctx, def, String(req.params.field));
    const matches = ctx.salesforce.findByField(def.name, f.name, String(req.params.value));
    if (matches.length > 1) return multipleChoices(res, version, def.name, matches.map((m) => m.Id));
    const [record] = matches;
    if (!record) throw sfFail(404, 'NOT_FOUND', 'The requested resource does not exist');
    res.json(presentRecord(record, version, fieldsParam(req)));
  });

  // Upsert by external id: https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_upsert.htm
  router.patch(`${base}/:type/:field/:value`, (req, res) => {
    const version = versionOf(req);
    const def = ctx.salesforce.requireObject(String(req.params.type));
    const f = externalIdField(ctx, def, String(req.params.field));
    const value = String(req.params.value);
    const body = parseRecordBody(req.body);
    const matches = ctx.salesforce.findByField(def.name, f.name, value);
    if (matches.length > 1) return multipleChoices(res, version, def.name, matches.map((m) => m.Id));
    const [existing] = matches;
    const prepared = existing
      ? ctx.salesforce.prepareUpdate(def.name, existing.Id, body, writeOptions(req))
      : ctx.salesforce.prepareCreate(def.name, { ...body, [f.name]: value }, writeOptions(req));
    if (!prepared.ok) throw new SalesforceHttpError(400, prepared.errors);
    const record = prepared.commit();
    ctx.changed();
    res.status(existing ? 200 : 201).json({ id: record.Id, success: true, errors: [], created: !existing });
  });

  return router;
}
