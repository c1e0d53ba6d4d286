import { Router, type Request, type Response } from 'express';
import type { SandboxContext } from '../../http/context';
import { prepare, runBatch, type BatchOutcome, type Prepared } from '../batch';
import { batchLimitError, notFound, parseHubspot, propertyDoesntExist, validationError } from '../errors';
import { batchResponse, presentRecord, propertyList, type PublicObject } from '../present';
import {
  archiveBodySchema,
  batchOf,
  createInputSchema,
  readBodySchema,
  updateInputSchema,
  upsertInputSchema,
  type CreateInput,
} from '../schemas';
import type { InlineAssociation } from '../store';
import { OBJECT_TYPE_IDS, singular, toObjectType, type HubspotObjectType } from '../types';

const MAX_BATCH = 100;

export function objectTypeParam(req: Request, name = 'objectType'): HubspotObjectType {
  const raw = String(req.params[name] ?? '');
  const type = toObjectType(raw);
  if (!type) throw validationError(`Unable to infer object type from: ${raw}`);
  return type;
}

function inlineAssociations(input: CreateInput): InlineAssociation[] {
  return input.associations.map((a) => ({ toId: a.to.id, typeIds: a.types.map((t) => t.associationTypeId) }));
}

function checkBatchSize(inputs: unknown[]): void {
  if (inputs.length > MAX_BATCH) throw batchLimitError(inputs.length, MAX_BATCH);
}

/** Values that must be unique inside one batch (contact email, hasUniqueValue properties). */
function uniqueKeys(ctx: SandboxContext, type: HubspotObjectType, props: Record<string, unknown>): string[] {
  return Object.entries(props)
    .filter(([name, value]) => value !== null && value !== '' && value !== undefined && ctx.hubspot.isUniqueProperty(type, name))
    .map(([name, value]) => `${name}=${String(value).toLowerCase()}`);
}

/** HubSpot's answer when idProperty is not email (contacts) or a hasUniqueValue property. */
function requireUniqueIdProperty(ctx: SandboxContext, type: HubspotObjectType, idProperty: string | undefined): void {
  if (!idProperty || ctx.hubspot.isUniqueProperty(type, idProperty)) return;
  if (!ctx.hubspot.propertiesOf(type).has(idProperty)) throw propertyDoesntExist([idProperty]);
  throw validationError(`Unable to perform update/upsert by non-unique ${OBJECT_TYPE_IDS[type]} property`, [
    { message: `${idProperty} is not a unique property`, code: 'INVALID_ID_PROPERTY', context: { propertyName: [idProperty] } },
  ]);
}

function duplicateInBatch(keys: string[]) {
  return validationError(`Duplicate IDs found in batch input: [${keys.join(', ')}]. IDs must be unique`, [
    { message: 'Duplicate IDs found in batch input', code: 'DUPLICATE_ID', context: { ids: keys } },
  ]);
}

/** With `objectWriteTraceId` on every input, HubSpot reports per-input errors instead of failing the call. */
function allTraced(inputs: { objectWriteTraceId?: string | undefined }[]): boolean {
  return inputs.length > 0 && inputs.every((i) => i.objectWriteTraceId);
}

/**
 * CRM v3 objects: basic and batch endpoints.
 * https://developers.hubspot.com/docs/api/crm/understanding-the-crm
 */
export function objectRoutes(ctx: SandboxContext): Router {
  const router = Router();
  const now = () => ctx.clock.now();
  /** Answers a batch write: `okStatus`, or 207 when some inputs failed. */
  const answerBatch = (res: Response, outcome: BatchOutcome<unknown>, okStatus: 200 | 201, startedAt: number) => {
    ctx.changed();
    res.status(outcome.errors.length ? 207 : okStatus).json(batchResponse(outcome.results, startedAt, now(), outcome.errors));
  };

  // https://developers.hubspot.com/docs/api/crm/contacts (Basic: create → 201)
  router.post('/crm/v3/objects/:objectType', (req, res) => {
    const type = objectTypeParam(req);
    const input = parseHubspot(createInputSchema, req.body);
    const record = ctx.hubspot.create(type, input.properties, inlineAssociations(input));
    ctx.changed();
    res.status(201).json(presentRecord(type, record, 'all'));
  });

  router.get('/crm/v3/objects/:objectType', (req, res) => {
    const type = objectTypeParam(req);
    const limit = Math.min(Number(req.query.limit ?? 10) || 10, 100);
    const after = Number(req.query.after ?? 0) || 0;
    const all = [...ctx.hubspot.recordsOf(type).values()].sort((a, b) => Number(a.id) - Number(b.id));
    const page = all.filter((r) => Number(r.id) > after).slice(0, limit);
    const last = page[page.length - 1];
    const hasMore = last !== undefined && all.some((r) => Number(r.id) > Number(last.id));
    res.json({
      results: page.map((r) => presentRecord(type, r, propertyList(req.query.properties))),
      ...(hasMore && last ? { paging: { next: { after: last.id, link: `${ctx.baseUrl()}${req.path}?after=${last.id}` } } } : {}),
    });
  });

  router.get('/crm/v3/objects/:objectType/:id', (req, res) => {
    const type = objectTypeParam(req);
    const idProperty = typeof req.query.idProperty === 'string' ? req.query.idProperty : undefined;
    const record = ctx.hubspot.findBy(type, idProperty, String(req.params.id));
    if (!record) throw notFound('resource not found');
    const body: PublicObject = presentRecord(type, record, propertyList(req.query.properties));
    const toTypes = propertyList(req.query.associations).map((t) => toObjectType(t)).filter((t) => t !== undefined);
    if (toTypes.length) {
      body.associations = Object.fromEntries(
        toTypes.map((to) => [
          to,
          { results: ctx.hubspot.associationsOf(type, record.id, to).map((e) => ({ id: e.toId, type: `${singular(type)}_to_${singular(to)}` })) },
        ]),
      );
    }
    res.json(body);
  });

  router.patch('/crm/v3/objects/:objectType/:id', (req, res) => {
    const type = objectTypeParam(req);
    const idProperty = typeof req.query.idProperty === 'string' ? req.query.idProperty : undefined;
    const input = parseHubspot(createInputSchema.pick({ properties: true }), req.body);
    const record = ctx.hubspot.findBy(type, idProperty, String(req.params.id));
    if (!record) throw notFound('resource not found');
    ctx.hubspot.update(type, record, input.properties);
    ctx.changed();
    res.json(presentRecord(type, record, 'all'));
  });

  router.delete('/crm/v3/objects/:objectType/:id', (req, res) => {
    const type = objectTypeParam(req);
    ctx.hubspot.archive(type, String(req.params.id));
    ctx.changed();
    res.status(204).end();
  });

  // Batch create → 201, or 207 with errors[] when inputs carry objectWriteTraceId.
  router.post('/crm/v3/objects/:objectType/batch/create', (req, res) => {
    const startedAt = now();
    const type = objectTypeParam(req);
    const { inputs } = parseHubspot(batchOf(createInputSchema), req.body);
    checkBatchSize(inputs);
    const seen = new Set<string>();
    const prepared: Prepared<PublicObject>[] = inputs.map((input) =>
      prepare(() => {
        const keys = uniqueKeys(ctx, type, input.properties);
        const dup = keys.filter((k) => seen.has(k));
        if (dup.length) throw duplicateInBatch(dup);
        keys.forEach((k) => seen.add(k));
        ctx.hubspot.prepareCreate(type, input.properties, inlineAssociations(input));
        return () => presentRecord(type, ctx.hubspot.create(type, input.properties, inlineAssociations(input)), 'all');
      }, input.objectWriteTraceId),
    );
    answerBatch(res, runBatch(prepared, allTraced(inputs)), 201, startedAt);
  });

  // Batch read by id or by a unique property (idProperty): 200, or 207 listing the ids not found.
  router.post('/crm/v3/objects/:objectType/batch/read', (req, res) => {
    const startedAt = now();
    const type = objectTypeParam(req);
    const body = parseHubspot(readBodySchema, req.body);
    checkBatchSize(body.inputs);
    if (body.propertiesWithHistory.length && body.inputs.length > 50) {
      throw batchLimitError(body.inputs.length, 50, 'a batch request for property histories');
    }
    requireUniqueIdProperty(ctx, type, body.idProperty);
    const results: PublicObject[] = [];
    const missing: string[] = [];
    const done = new Set<string>();
    for (const { id } of body.inputs) {
      const record = ctx.hubspot.findBy(type, body.idProperty, id);
      if (!record) missing.push(id);
      else if (!done.has(record.id)) {
        done.add(record.id);
        const requested = body.properties.length ? body.properties : [];
        const shown = presentRecord(type, record, body.idProperty ? [...requested, body.idProperty] : requested);
        results.push(shown);
      }
    }
    const errors = missing.length
      ? [
          {
            status: 'error',
            category: 'OBJECT_NOT_FOUND',
            message: `Could not get some ${singular(type).toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
            context: { ids: missing },
          },
        ]
      : [];
    res.status(errors.length ? 207 : 200).json(batchResponse(results, startedAt, now(), errors));
  });

  router.post('/crm/v3/objects/:objectType/batch/update', (req, res) => {
    const startedAt = now();
    const type = objectTypeParam(req);
    const { inputs } = parseHubspot(batchOf(updateInputSchema), req.body);
    checkBatchSize(inputs);
    for (const input of inputs) requireUniqueIdProperty(ctx, type, input.idProperty);
    const prepared = inputs.map((input) =>
      prepare(() => {
        const record = ctx.hubspot.findBy(type, input.idProperty, input.id);
        if (!record) throw notFound(`Object ${input.id} of type ${type} not found`);
        ctx.hubspot.prepareUpdate(type, record, input.properties);
        return () => presentRecord(type, ctx.hubspot.update(type, record, input.properties), 'all');
      }, input.objectWriteTraceId),
    );
    // A missing record is always reported per input; a validation error fails the call unless traced.
    const perInput = allTraced(inputs) || prepared.every((p) => p.ok || p.error.status === 404);
    answerBatch(res, runBatch(prepared, perInput), 200, startedAt);
  });

  // Upsert by a unique property; results carry `new`. https://developers.hubspot.com/docs/api/crm/contacts#upsert
  router.post('/crm/v3/objects/:objectType/batch/upsert', (req, res) => {
    const startedAt = now();
    const type = objectTypeParam(req);
    const { inputs } = parseHubspot(batchOf(upsertInputSchema), req.body);
    checkBatchSize(inputs);
    for (const input of inputs) requireUniqueIdProperty(ctx, type, input.idProperty);
    const ids = inputs.map((i) => `${i.idProperty}=${i.id.toLowerCase()}`);
    const dup = ids.filter((k, i) => ids.indexOf(k) !== i);
    if (dup.length) throw duplicateInBatch(dup);
    const prepared = inputs.map((input) =>
      prepare(() => {
        const existing = ctx.hubspot.findBy(type, input.idProperty, input.id);
        if (existing) {
          ctx.hubspot.prepareUpdate(type, existing, input.properties);
          return () => ({ ...presentRecord(type, ctx.hubspot.update(type, existing, input.properties), 'all'), new: false });
        }
        const props = { ...input.properties, [input.idProperty]: input.id };
        ctx.hubspot.prepareCreate(type, props);
        return () => ({ ...presentRecord(type, ctx.hubspot.create(type, props), 'all'), new: true });
      }, input.objectWriteTraceId),
    );
    answerBatch(res, runBatch(prepared, allTraced(inputs)), 200, startedAt);
  });

  router.post('/crm/v3/objects/:objectType/batch/archive', (req, res) => {
    const type = objectTypeParam(req);
    const { inputs } = parseHubspot(archiveBodySchema, req.body);
    checkBatchSize(inputs);
    for (const { id } of inputs) ctx.hubspot.archive(type, id);
    ctx.changed();
    res.status(204).end();
  });

  return router;
}
