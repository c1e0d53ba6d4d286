import { z } from 'zod';
import type { SyncErrorJson } from '../errors';

/** Unified CRM models: what the core sees of a record, whatever the CRM. Provider shapes stay in the adapters. */

export const crmObjectTypes = ['contact', 'company', 'deal', 'note', 'meeting'] as const;
export const crmObjectTypeSchema = z.enum(crmObjectTypes);
export type CrmObjectType = z.infer<typeof crmObjectTypeSchema>;

export type CrmValue = string | number | boolean | null;
export type CrmProperties = Record<string, CrmValue>;

/** A person record (HubSpot contact; Salesforce Lead or Contact), as dedup compares it. */
export const crmContactSchema = z.object({
  id: z.string(),
  email: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  phone: z.string().nullish(),
  company: z.string().nullish(),
  ownerId: z.string().nullish(),
  updatedAt: z.string().nullish(),
  properties: z.record(z.string(), z.unknown()).default({}),
});
export type CrmContact = z.infer<typeof crmContactSchema>;

/** A write of one record. `key` is the idempotency key: the same key never creates twice. */
export interface RecordWrite {
  key: string;
  /** Known CRM id: update this record. */
  id?: string;
  /** Natural key to upsert by (contact email); the adapter picks the CRM's own mechanism. */
  matchBy?: { field: 'email'; value: string };
  properties: CrmProperties;
  /** Records to associate with, by object type and CRM id. */
  associations?: Array<{ objectType: CrmObjectType; id: string }>;
}

/** Something the adapter changed in a write so the record could be written, for the caller to log. */
export interface WriteWarning {
  property: string;
  value: string;
  message: string;
}

export type WriteResult =
  | { key: string; ok: true; id: string; created: boolean; url?: string; warnings?: WriteWarning[] }
  | { key: string; ok: false; error: SyncErrorJson };

export interface CrmProperty {
  name: string;
  label: string;
  type: 'string' | 'number' | 'bool' | 'date' | 'datetime' | 'enumeration' | 'phone_number';
  custom: boolean;
  readOnly?: boolean;
  /** An enumeration's allowed values (what is written) and labels (what users see). */
  options?: Array<{ value: string; label: string }>;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: CrmProperty['type'];
  description?: string;
  /** Unique values (HubSpot hasUniqueValue / Salesforce External ID + Unique): lets creates be idempotent. */
  unique?: boolean;
}

export interface PipelineStage {
  id: string;
  label: string;
  /** Closed stages: won = true/false; open stages: undefined. */
  closedWon?: boolean;
  closed?: boolean;
}

export interface Pipeline {
  id: string;
  label: string;
  stages: PipelineStage[];
}

export interface CrmOwner {
  id: string;
  name: string;
  email?: string | undefined;
  active: boolean;
}

export interface ConnectionInfo {
  provider: 'hubspot' | 'salesforce' | 'memory';
  accountId: string;
  accountName?: string | undefined;
  scopes?: string[] | undefined;
}

/** A page of records changed since a cursor (two-way sync). */
export interface ChangePage {
  records: Array<{ id: string; objectType: CrmObjectType; updatedAt: string; properties: Record<string, unknown> }>;
  /** Pass back to get the next page; null when this window is exhausted. */
  nextCursor: string | null;
}

export interface CandidateQuery {
  /** Lead id, to tell the caller which query found which candidates. */
  ref: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  company?: string | null | undefined;
}
