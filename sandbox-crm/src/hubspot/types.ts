export const HUBSPOT_OBJECT_TYPES = ['contacts', 'companies', 'deals', 'notes', 'meetings'] as const;
export type HubspotObjectType = (typeof HUBSPOT_OBJECT_TYPES)[number];

/** HubSpot's object type ids (used in v4 association responses and accepted in paths). */
export const OBJECT_TYPE_IDS: Record<HubspotObjectType, string> = {
  contacts: '0-1',
  companies: '0-2',
  deals: '0-3',
  notes: '0-46',
  meetings: '0-47',
};

const ALIASES: Record<string, HubspotObjectType> = {
  contact: 'contacts',
  company: 'companies',
  deal: 'deals',
  note: 'notes',
  meeting: 'meetings',
  ...Object.fromEntries(HUBSPOT_OBJECT_TYPES.map((t) => [t, t])),
  ...Object.fromEntries(Object.entries(OBJECT_TYPE_IDS).map(([t, id]) => [id, t as HubspotObjectType])),
};

export function toObjectType(raw: string): HubspotObjectType | undefined {
  return ALIASES[raw.toLowerCase()];
}

export interface HubspotRecord {
  id: string;
  properties: Record<string, string>;
  createdAt: number;
  updatedAt: number;
  /** What the search index shows: the previous version until `until` (null = not indexed yet). */
  indexed: { properties: Record<string, string> | null; until: number };
}

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
}

export interface HubspotProperty {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  hasUniqueValue: boolean;
  calculated: boolean;
  hubspotDefined: boolean;
  readOnlyValue: boolean;
  displayOrder: number;
  createdAt: number;
  updatedAt: number;
}

export interface PipelineStage {
  id: string;
  label: string;
  displayOrder: number;
  probability: string;
  isClosed: boolean;
}

export interface HubspotPipeline {
  id: string;
  label: string;
  displayOrder: number;
  stages: PipelineStage[];
}

export interface HubspotOwner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number | null;
  type: 'PERSON' | 'QUEUE';
  archived: boolean;
  teams: { id: string; name: string; primary: boolean }[];
}

/** One direction of an association; the store keeps both directions. */
export interface AssociationEdge {
  fromType: HubspotObjectType;
  fromId: string;
  toType: HubspotObjectType;
  toId: string;
  typeId: number;
  category: 'HUBSPOT_DEFINED' | 'USER_DEFINED';
}

export function singular(type: HubspotObjectType): string {
  return type === 'companies' ? 'company' : type.slice(0, -1);
}
