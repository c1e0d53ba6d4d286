import { Router } from 'express';
import type { SandboxContext } from '../../http/context';
import { hubspotTime } from '../../util/time';
import { notFound, parseHubspot, validationError } from '../errors';
import { propertyCreateSchema } from '../schemas';
import type { HubspotOwner, HubspotProperty } from '../types';
import { objectTypeParam } from './objects';

function presentProperty(p: HubspotProperty) {
  return {
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    description: p.description,
    groupName: p.groupName,
    options: p.options,
    displayOrder: p.displayOrder,
    calculated: p.calculated,
    externalOptions: false,
    hasUniqueValue: p.hasUniqueValue,
    hidden: false,
    hubspotDefined: p.hubspotDefined,
    modificationMetadata: { archivable: !p.hubspotDefined, readOnlyDefinition: p.hubspotDefined, readOnlyValue: p.readOnlyValue },
    formField: !p.readOnlyValue,
    createdAt: hubspotTime(p.createdAt),
    updatedAt: hubspotTime(p.updatedAt),
    archived: false,
  };
}

function presentOwner(o: HubspotOwner, now: number) {
  return {
    id: o.id,
    email: o.email,
    type: o.type,
    firstName: o.firstName,
    lastName: o.lastName,
    ...(o.userId !== null ? { userId: o.userId, userIdIncludingInactive: o.userId } : {}),
    createdAt: hubspotTime(now - 400 * 86_400_000),
    updatedAt: hubspotTime(now - 30 * 86_400_000),
    archived: o.archived,
    teams: o.teams,
  };
}

/** Which fieldTypes HubSpot accepts for each property type. */
const FIELD_TYPES: Record<string, string[]> = {
  bool: ['booleancheckbox', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['checkbox', 'radio', 'select', 'booleancheckbox'],
  number: ['number', 'calculation_equation'],
  phone_number: ['phonenumber'],
  string: ['text', 'textarea', 'html', 'file', 'phonenumber'],
};

/**
 * Properties, pipelines, owners and account details.
 * https://developers.hubspot.com/docs/api/crm/properties · /crm/pipelines · /crm/owners · /settings/account-information-api
 */
export function metaRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.get('/crm/v3/properties/:objectType', (req, res) => {
    const type = objectTypeParam(req);
    res.json({ results: [...ctx.hubspot.propertiesOf(type).values()].map(presentProperty) });
  });

  router.get('/crm/v3/properties/:objectType/:name', (req, res) => {
    const type = objectTypeParam(req);
    const prop = ctx.hubspot.propertiesOf(type).get(String(req.params.name));
    if (!prop) throw notFound(`Unable to find property ${String(req.params.name)}`);
    res.json(presentProperty(prop));
  });

  router.post('/crm/v3/properties/:objectType', (req, res) => {
    const type = objectTypeParam(req);
    const input = parseHubspot(propertyCreateSchema, req.body);
    if (!FIELD_TYPES[input.type]?.includes(input.fieldType)) {
      throw validationError(`fieldType ${input.fieldType} is not valid for a property of type ${input.type}`, [
        { message: `Invalid fieldType ${input.fieldType} for type ${input.type}`, code: 'INVALID_FIELD_TYPE', context: { fieldType: [input.fieldType] } },
      ]);
    }
    if (input.type === 'enumeration' && input.options.length === 0 && input.fieldType !== 'booleancheckbox') {
      throw validationError('Enumeration properties need at least one option.');
    }
    const now = ctx.clock.now();
    const created = ctx.hubspot.addProperty(type, {
      name: input.name,
      label: input.label,
      type: input.type,
      fieldType: input.fieldType,
      groupName: input.groupName,
      description: input.description,
      options: input.options.map((o) => ({ label: o.label, value: o.value, displayOrder: o.displayOrder, hidden: o.hidden })),
      hasUniqueValue: input.hasUniqueValue,
      calculated: false,
      hubspotDefined: false,
      readOnlyValue: false,
      displayOrder: input.displayOrder,
      createdAt: now,
      updatedAt: now,
    });
    ctx.changed();
    res.status(201).json(presentProperty(created));
  });

  router.get('/crm/v3/pipelines/:objectType', (req, res) => {
    const type = objectTypeParam(req);
    if (type !== 'deals') {
      res.json({ results: [] });
      return;
    }
    const at = hubspotTime(ctx.clock.now() - 365 * 86_400_000);
    res.json({
      results: ctx.hubspot.pipelines.map((p) => ({
        id: p.id,
        label: p.label,
        displayOrder: p.displayOrder,
        createdAt: at,
        updatedAt: at,
        archived: false,
        stages: p.stages.map((s) => ({
          id: s.id,
          label: s.label,
          displayOrder: s.displayOrder,
          metadata: { isClosed: String(s.isClosed), probability: s.probability },
          createdAt: at,
          updatedAt: at,
          archived: false,
          writePermissions: 'CRUD_ALL',
        })),
      })),
    });
  });

  // Owners: active by default, `archived=true` lists archived ones; paged by `after`.
  router.get('/crm/v3/owners', (req, res) => {
    const archived = req.query.archived === 'true';
    const limit = Math.min(Number(req.query.limit ?? 100) || 100, 500);
    const after = Number(req.query.after ?? 0) || 0;
    const email = typeof req.query.email === 'string' ? req.query.email.toLowerCase() : undefined;
    const all = ctx.hubspot.owners.filter((o) => o.archived === archived && (!email || o.email === email));
    const page = all.slice(after, after + limit);
    const now = ctx.clock.now();
    res.json({
      results: page.map((o) => presentOwner(o, now)),
      ...(after + limit < all.length ? { paging: { next: { after: String(after + limit), link: `${ctx.baseUrl()}/crm/v3/owners?after=${after + limit}` } } } : {}),
    });
  });

  router.get('/crm/v3/owners/:ownerId', (req, res) => {
    const owner = ctx.hubspot.owners.find((o) => o.id === String(req.params.ownerId));
    if (!owner) throw notFound('Owner not found');
    res.json(presentOwner(owner, ctx.clock.now()));
  });

  router.get('/account-info/v3/details', (_req, res) => {
    res.json({
      portalId: ctx.config.hubspot.portalId,
      accountType: 'STANDARD',
      timeZone: 'US/Eastern',
      companyCurrency: 'USD',
      additionalCurrencies: [],
      utcOffset: '-05:00',
      utcOffsetMilliseconds: -18_000_000,
      uiDomain: 'app.hubspot.com',
      dataHostingLocation: 'na1',
    });
  });

  return router;
}
