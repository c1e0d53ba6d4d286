import { normalizePhone } from '@synaptiq/shared';
import type { LeadRecord, SyncDirection } from '@synaptiq/shared';
import type { FieldChange } from '../hooks/hook-payloads';
import type { PulledContact, PulledDeal } from './crm-values';

type PullField = Extract<SyncDirection, { direction: 'bidirectional' }>['pull_fields'][number];

export interface PullPlan {
  changes: FieldChange[];
  /** What LeadStore.update gets; empty when nothing changed. */
  patch: Partial<Pick<LeadRecord, 'lead' | 'status' | 'crm_owner'>>;
}

export interface PullInput {
  record: LeadRecord;
  pullFields: readonly PullField[];
  contact?: PulledContact | undefined;
  deal?: PulledDeal | undefined;
  /** Owner names by id (listOwners), so the agent can name the rep. */
  ownerNames: ReadonlyMap<string, string>;
  /** settings.default_phone_region: numbers written without a country code are read in it. */
  phoneRegion?: string | undefined;
}

const personFields = ['email', 'phone', 'first_name', 'last_name', 'title'] as const;

const digits = (value: string) => value.replace(/\D/g, '');

/** Same number once formatting and a missing country code are set aside (E.164 when both parse, else the digits). */
function samePhone(a: string, b: string, region: string): boolean {
  const [left, right] = [normalizePhone(a, region), normalizePhone(b, region)];
  return left !== null && right !== null ? left === right : digits(a) === digits(b) && digits(a) !== '';
}

/** Same value as far as a person reading it cares: emails ignore case, phones ignore formatting. */
const sameValue = (field: (typeof personFields)[number], a: string, b: string, region: string): boolean => {
  if (field === 'email') return a.toLowerCase() === b.toLowerCase();
  if (field === 'phone') return samePhone(a, b, region);
  return a === b;
};

/**
 * What a CRM record's current values change on its lead, limited to the pulled fields. Pure and
 * idempotent: applying the plan and planning again from the same record yields no changes.
 */
export function planPull(input: PullInput): PullPlan {
  const { record, pullFields, contact, deal } = input;
  const wanted = new Set<PullField>(pullFields);
  const changes: FieldChange[] = [];
  let lead = record.lead;

  if (contact) {
    for (const field of personFields) {
      const to = contact[field];
      const from = lead[field] ?? null;
      if (!wanted.has(field) || to === undefined) continue;
      if (from !== null && sameValue(field, from, to, input.phoneRegion ?? 'US')) continue;
      changes.push({ field, from, to });
      lead = { ...lead, [field]: to };
    }
    // A corrected first or last name also corrects the full name, when it was made of them.
    if (lead.first_name !== record.lead.first_name || lead.last_name !== record.lead.last_name) {
      const before = [record.lead.first_name, record.lead.last_name].filter(Boolean).join(' ');
      const after = [lead.first_name, lead.last_name].filter(Boolean).join(' ');
      if (record.lead.name === before && after !== '') lead = { ...lead, name: after };
    }
    const company = contact.company;
    const fromCompany = lead.company?.name ?? null;
    if (wanted.has('company') && company !== undefined && fromCompany !== company) {
      changes.push({ field: 'company', from: fromCompany, to: company });
      lead = { ...lead, company: { ...lead.company, name: company } };
    }
  }

  const patch: PullPlan['patch'] = lead === record.lead ? {} : { lead };

  const outcome = deal?.outcome;
  if (wanted.has('deal_stage') && outcome !== undefined && record.status !== outcome) {
    changes.push({ field: 'qualification_status', from: record.status ?? null, to: outcome });
    patch.status = outcome;
    patch.lead = { ...(patch.lead ?? lead), qualification_status: outcome };
  }

  const ownerId = deal?.owner_id ?? contact?.owner_id;
  if (wanted.has('owner') && ownerId !== undefined && record.crm_owner?.id !== ownerId) {
    const name = input.ownerNames.get(ownerId);
    const to = { id: ownerId, name: name ?? null };
    changes.push({ field: 'owner', from: record.crm_owner ? { id: record.crm_owner.id, name: record.crm_owner.name ?? null } : null, to });
    patch.crm_owner = name === undefined ? { id: ownerId } : { id: ownerId, name };
  }

  return { changes, patch };
}
