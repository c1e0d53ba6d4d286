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
}

const digits = (value: string) => value.replace(/\D/g, '');

/** Same value as far as a person reading it cares: emails ignore case, phones ignore formatting. */
const sameValue: Record<'email' | 'phone' | 'other', (a: string, b: string) => boolean> = {
  email: (a, b) => a.toLowerCase() === b.toLowerCase(),
  phone: (a, b) => digits(a) === digits(b) && digits(a) !== '',
  other: (a, b) => a === b,
};

const personFields = ['email', 'phone', 'first_name', 'last_name', 'title'] as const;

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
      const same = sameValue[field === 'email' || field === 'phone' ? field : 'other'];
      if (from !== null && same(from, to)) continue;
      changes.push({ field, from, to });
      lead = { ...lead, [field]: to };
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
