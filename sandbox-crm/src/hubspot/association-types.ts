import type { HubspotObjectType } from './types';

/**
 * HUBSPOT_DEFINED association type ids, both directions; `primary` is the "Primary" label.
 * https://developers.hubspot.com/docs/api/crm/associations/v4#association-type-id-values
 */
interface AssociationTypeDef {
  from: HubspotObjectType;
  to: HubspotObjectType;
  typeId: number;
  inverse: number;
  label: string | null;
}

const PAIRS: [HubspotObjectType, HubspotObjectType, number, number, string | null][] = [
  ['contacts', 'companies', 279, 280, null],
  ['contacts', 'companies', 1, 2, 'Primary'],
  ['deals', 'contacts', 3, 4, null],
  ['deals', 'companies', 341, 342, null],
  ['deals', 'companies', 5, 6, 'Primary'],
  ['notes', 'contacts', 202, 201, null],
  ['notes', 'companies', 190, 189, null],
  ['notes', 'deals', 214, 213, null],
  ['meetings', 'contacts', 200, 199, null],
  ['meetings', 'companies', 188, 187, null],
  ['meetings', 'deals', 212, 211, null],
];

export const ASSOCIATION_TYPES: AssociationTypeDef[] = PAIRS.flatMap(([from, to, typeId, inverse, label]) => [
  { from, to, typeId, inverse, label },
  { from: to, to: from, typeId: inverse, inverse: typeId, label },
]);

export function findAssociationType(typeId: number): AssociationTypeDef | undefined {
  return ASSOCIATION_TYPES.find((t) => t.typeId === typeId);
}

/** The unlabeled type HubSpot uses for "default" associations between two object types. */
export function defaultAssociationType(from: HubspotObjectType, to: HubspotObjectType): AssociationTypeDef | undefined {
  return ASSOCIATION_TYPES.find((t) => t.from === from && t.to === to && t.label === null);
}
