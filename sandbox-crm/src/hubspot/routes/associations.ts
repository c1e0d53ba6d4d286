import { Router } from 'express';
import type { SandboxContext } from '../../http/context';
import { defaultAssociationType, findAssociationType } from '../association-types';
import { HubspotHttpError, notFound, parseHubspot, validationError } from '../errors';
import { batchError } from '../batch';
import { batchResponse } from '../present';
import {
  associationArchiveSchema,
  associationBatchCreateSchema,
  associationDefaultSchema,
  associationReadSchema,
  associationTypesSchema,
} from '../schemas';
import { OBJECT_TYPE_IDS, type AssociationEdge, type HubspotObjectType } from '../types';
import { objectTypeParam } from './objects';

function typeLabel(edge: AssociationEdge) {
  return { category: edge.category, typeId: edge.typeId, label: findAssociationType(edge.typeId)?.label ?? null };
}

/** v4 association read shape: one entry per target record with all its association types. */
function groupedTargets(edges: AssociationEdge[]) {
  const byTarget = new Map<string, AssociationEdge[]>();
  for (const e of edges) byTarget.set(e.toId, [...(byTarget.get(e.toId) ?? []), e]);
  return [...byTarget].map(([toId, list]) => ({ toObjectId: Number(toId), associationTypes: list.map(typeLabel) }));
}

/**
 * CRM v4 associations: batch create (201/207), default associate (200), reads.
 * https://developers.hubspot.com/docs/api/crm/associations/v4
 */
export function associationRoutes(ctx: SandboxContext): Router {
  const router = Router();
  const now = () => ctx.clock.now();

  const requireBoth = (from: HubspotObjectType, fromId: string, to: HubspotObjectType, toId: string) => {
    if (!ctx.hubspot.get(from, fromId)) throw notFound(`No ${from} with id ${fromId} exists`);
    if (!ctx.hubspot.get(to, toId)) throw notFound(`No ${to} with id ${toId} exists`);
  };

  router.post('/crm/v4/associations/:fromObjectType/:toObjectType/batch/create', (req, res) => {
    const startedAt = now();
    const from = objectTypeParam(req, 'fromObjectType');
    const to = objectTypeParam(req, 'toObjectType');
    const { inputs } = parseHubspot(associationBatchCreateSchema, req.body);
    const results: unknown[] = [];
    const errors: unknown[] = [];
    for (const input of inputs) {
      try {
        requireBoth(from, input.from.id, to, input.to.id);
        for (const t of input.types) {
          const def = findAssociationType(t.associationTypeId);
          if (!def || def.from !== from || def.to !== to) {
            throw validationError(`${t.associationTypeId} is not a valid association type between ${from} and ${to}`);
          }
          ctx.hubspot.associate(from, input.from.id, input.to.id, t.associationTypeId);
        }
        results.push({
          fromObjectTypeId: OBJECT_TYPE_IDS[from],
          fromObjectId: Number(input.from.id),
          toObjectTypeId: OBJECT_TYPE_IDS[to],
          toObjectId: Number(input.to.id),
          labels: input.types.map((t) => findAssociationType(t.associationTypeId)?.label).filter((l) => l),
        });
      } catch (error) {
        if (!(error instanceof HubspotHttpError)) throw error;
        errors.push(batchError(error));
      }
    }
    ctx.changed();
    res.status(errors.length ? 207 : 201).json(batchResponse(results, startedAt, now(), errors));
  });

  router.post('/crm/v4/associations/:fromObjectType/:toObjectType/batch/associate/default', (req, res) => {
    const startedAt = now();
    const from = objectTypeParam(req, 'fromObjectType');
    const to = objectTypeParam(req, 'toObjectType');
    const { inputs } = parseHubspot(associationDefaultSchema, req.body);
    const def = defaultAssociationType(from, to);
    if (!def) throw validationError(`No default association exists between ${from} and ${to}`);
    for (const input of inputs) requireBoth(from, input.from.id, to, input.to.id);
    const results = inputs.map((input) => {
      ctx.hubspot.associate(from, input.from.id, input.to.id, def.typeId);
      return {
        from: { id: input.from.id },
        to: { id: input.to.id },
        associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: def.typeId },
      };
    });
    ctx.changed();
    res.status(200).json(batchResponse(results, startedAt, now()));
  });

  router.put('/crm/v4/objects/:fromObjectType/:fromObjectId/associations/default/:toObjectType/:toObjectId', (req, res) => {
    const from = objectTypeParam(req, 'fromObjectType');
    const to = objectTypeParam(req, 'toObjectType');
    const fromId = String(req.params.fromObjectId);
    const toId = String(req.params.toObjectId);
    requireBoth(from, fromId, to, toId);
    const def = defaultAssociationType(from, to);
    if (!def) throw validationError(`No default association exists between ${from} and ${to}`);
    ctx.hubspot.associate(from, fromId, toId, def.typeId);
    ctx.changed();
    res.status(200).json(
      batchResponse([{ from: { id: fromId }, to: { id: toId }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: def.typeId } }], now(), now()),
    );
  });

  // Labelled association between two records: 201.
  router.put('/crm/v4/objects/:objectType/:objectId/associations/:toObjectType/:toObjectId', (req, res) => {
    const from = objectTypeParam(req);
    const to = objectTypeParam(req, 'toObjectType');
    const fromId = String(req.params.objectId);
    const toId = String(req.params.toObjectId);
    const types = parseHubspot(associationTypesSchema, req.body);
    requireBoth(from, fromId, to, toId);
    for (const t of types) {
      const def = findAssociationType(t.associationTypeId);
      if (!def || def.from !== from || def.to !== to) {
        throw validationError(`${t.associationTypeId} is not a valid association type between ${from} and ${to}`);
      }
    }
    for (const t of types) ctx.hubspot.associate(from, fromId, toId, t.associationTypeId);
    ctx.changed();
    res.status(201).json({
      fromObjectTypeId: OBJECT_TYPE_IDS[from],
      fromObjectId: Number(fromId),
      toObjectTypeId: OBJECT_TYPE_IDS[to],
      toObjectId: Number(toId),
      labels: types.map((t) => findAssociationType(t.associationTypeId)?.label).filter((l) => l),
    });
  });

  router.delete('/crm/v4/objects/:objectType/:objectId/associations/:toObjectType/:toObjectId', (req, res) => {
    ctx.hubspot.dissociate(objectTypeParam(req), String(req.params.objectId), objectTypeParam(req, 'toObjectType'), String(req.params.toObjectId));
    ctx.changed();
    res.status(204).end();
  });

  router.post('/crm/v4/associations/:fromObjectType/:toObjectType/batch/archive', (req, res) => {
    const from = objectTypeParam(req, 'fromObjectType');
    const to = objectTypeParam(req, 'toObjectType');
    const { inputs } = parseHubspot(associationArchiveSchema, req.body);
    for (const input of inputs) for (const target of input.to) ctx.hubspot.dissociate(from, input.from.id, to, target.id);
    ctx.changed();
    res.status(204).end();
  });

  router.post('/crm/v4/associations/:fromObjectType/:toObjectType/batch/read', (req, res) => {
    const startedAt = now();
    const from = objectTypeParam(req, 'fromObjectType');
    const to = objectTypeParam(req, 'toObjectType');
    const { inputs } = parseHubspot(associationReadSchema, req.body);
    const results = inputs
      .filter((i) => ctx.hubspot.get(from, i.id))
      .map((i) => ({ from: { id: i.id }, to: groupedTargets(ctx.hubspot.associationsOf(from, i.id, to)) }));
    const missing = inputs.filter((i) => !ctx.hubspot.get(from, i.id)).map((i) => i.id);
    const errors = missing.length
      ? [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: `No ${from} with ids ${missing.join(', ')}`, context: { ids: missing } }]
      : [];
    res.status(errors.length ? 207 : 200).json(batchResponse(results, startedAt, now(), errors));
  });

  router.get('/crm/v4/objects/:objectType/:objectId/associations/:toObjectType', (req, res) => {
    const from = objectTypeParam(req);
    const to = objectTypeParam(req, 'toObjectType');
    const id = String(req.params.objectId);
    if (!ctx.hubspot.get(from, id)) throw notFound(`No ${from} with id ${id} exists`);
    res.json({ results: groupedTargets(ctx.hubspot.associationsOf(from, id, to)) });
  });

  return router;
}
