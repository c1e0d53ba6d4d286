import { z } from 'zod';
import type { CrmContact, CrmObjectType, CrmOwner, CrmProperty, Pipeline, PipelineStage } from '../../schemas/crm';
import { modifiedProperty } from './to-hubspot';

/**
 * Pure mapping from HubSpot responses to the unified models. Responses are parsed with zod where
 * we depend on their shape (the SDK does not validate bodies; it turns dates into Date objects).
 */

const timestamp = z.union([z.date(), z.string()]).transform((value) => (value instanceof Date ? value.toISOString() : value));
const propertyValues = z.record(z.string(), z.string().nullable().optional());

export const hubspotRecordSchema = z.object({
  id: z.string(),
  properties: propertyValues.default({}),
  updatedAt: timestamp.optional(),
  /** Upsert results: whether the record was created (the SDK renames `new` to `_new`). */
  _new: z.boolean().optional(),
  new: z.boolean().optional(),
  objectWriteTraceId: z.string().optional(),
});
export type HubspotRecord = z.infer<typeof hubspotRecordSchema>;

export const batchResultSchema = z.object({
  results: z.array(hubspotRecordSchema).default([]),
  errors: z.array(z.unknown()).optional(),
});

export const searchPageSchema = z.object({
  total: z.number().optional(),
  results: z.array(hubspotRecordSchema).default([]),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

const text = (value: string | null | undefined): string | null => (value === undefined || value === null || value === '' ? null : value);

export function toCrmContact(record: HubspotRecord): CrmContact {
  const p = record.properties;
  return {
    id: record.id,
    email: text(p.email)?.toLowerCase() ?? null,
    firstName: text(p.firstname),
    lastName: text(p.lastname),
    phone: text(p.phone) ?? text(p.mobilephone),
    company: text(p.company),
    ownerId: text(p.hubspot_owner_id),
    updatedAt: text(p.lastmodifieddate) ?? record.updatedAt ?? null,
    properties: { ...p },
  };
}

/** When the record last changed: the modified property, else the record's updatedAt. */
export function changedAt(objectType: CrmObjectType, record: HubspotRecord): string {
  return text(record.properties[modifiedProperty[objectType]]) ?? record.updatedAt ?? '';
}

export const hubspotPropertySchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  hubspotDefined: z.boolean().optional(),
  modificationMetadata: z.object({ readOnlyValue: z.boolean().optional() }).optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
});

const knownTypes: ReadonlyArray<CrmProperty['type']> = ['string', 'number', 'bool', 'date', 'datetime', 'enumeration', 'phone_number'];
const isKnownType = (type: string): type is CrmProperty['type'] => (knownTypes as readonly string[]).includes(type);

export function toCrmProperty(raw: z.infer<typeof hubspotPropertySchema>): CrmProperty {
  return {
    name: raw.name,
    label: raw.label,
    // Rare types (object_coordinates, json) hold text as far as mapping is concerned.
    type: isKnownType(raw.type) ? raw.type : 'string',
    custom: raw.hubspotDefined !== true,
    ...(raw.modificationMetadata?.readOnlyValue !== undefined ? { readOnly: raw.modificationMetadata.readOnlyValue } : {}),
    // Enumerations only: a checkbox's Yes/No or an empty list says nothing a write needs.
    ...(raw.type === 'enumeration' && raw.options?.length ? { options: raw.options.map(({ value, label }) => ({ value, label })) } : {}),
  };
}

export const hubspotPipelineSchema = z.object({
  id: z.string(),
  label: z.string(),
  displayOrder: z.number().optional(),
  archived: z.boolean().optional(),
  stages: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      displayOrder: z.number().optional(),
      archived: z.boolean().optional(),
      metadata: z.record(z.string(), z.string()).optional(),
    }),
  ),
});

/** Deal stages: closed when metadata.isClosed is "true"; won when closed with probability 1. */
export function toPipeline(raw: z.infer<typeof hubspotPipelineSchema>): Pipeline {
  const stages = raw.stages
    .filter((stage) => stage.archived !== true)
    .sort((a, b) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0))
    .map((stage): PipelineStage => {
      const closed = stage.metadata?.isClosed === 'true';
      return closed
        ? { id: stage.id, label: stage.label, closed, closedWon: Number(stage.metadata?.probability) === 1 }
        : { id: stage.id, label: stage.label, closed };
    });
  return { id: raw.id, label: raw.label, stages };
}

export const hubspotOwnerSchema = z.object({
  id: z.string(),
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  archived: z.boolean().optional(),
  /** PERSON or QUEUE; older portals omit it (all persons). */
  type: z.string().optional(),
});

export const ownersPageSchema = z.object({
  results: z.array(hubspotOwnerSchema).default([]),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

/** Owners who can be assigned records: people only (queues cannot own a round-robin lead). */
export function toCrmOwner(raw: z.infer<typeof hubspotOwnerSchema>): CrmOwner | null {
  if (raw.type !== undefined && raw.type !== 'PERSON') return null;
  const name = [raw.firstName, raw.lastName].filter(Boolean).join(' ').trim();
  return { id: raw.id, name: name || raw.email || raw.id, email: raw.email, active: raw.archived !== true };
}

/** https://developers.hubspot.com/docs/api/settings/account-information-api */
export const accountDetailsSchema = z.object({
  portalId: z.number().int(),
  accountType: z.string().optional(),
  uiDomain: z.string().optional(),
  timeZone: z.string().optional(),
});
export type AccountDetails = z.infer<typeof accountDetailsSchema>;

/** The OAuth token endpoint's answer, as the SDK deserialises it (camelCase). */
export const tokenResponseSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  expiresIn: z.number().positive(),
});
