import type { CandidateQuery } from '../schemas/crm';
import type { Lead } from '../schemas/events';
import { normalizePersonName } from './names';
import { normalizeCompanyName, normalizeEmail, normalizePhone } from './normalize';
import { dedupSubjectFromLead, type DedupSubject } from './subject';

/**
 * Cheap candidate keys, each one a search a CRM can run (email =, phone =, last name =, first name = and last
 * name starts with, company =), so scoring only sees a handful of records. Salesforce's matching rules narrow
 * candidates the same way before they score.
 */
export type BlockingKeyKind = 'email' | 'phone' | 'last_name' | 'first_name_last_initial' | 'company';
export type BlockingKey = `${BlockingKeyKind}:${string}`;

interface NameKeys {
  first: string;
  last: string;
}

function nameKeys(first: string, last: string): BlockingKey[] {
  const keys: BlockingKey[] = [];
  if (last !== '') keys.push(`last_name:${last}`);
  if (first !== '' && last !== '') keys.push(`first_name_last_initial:${first}|${last[0]}`);
  return keys;
}

function contactKeys(subject: DedupSubject, defaultRegion: string): { keys: BlockingKey[]; names: NameKeys } {
  const keys: BlockingKey[] = [];
  const email = normalizeEmail(subject.email);
  const phone = normalizePhone(subject.phone, defaultRegion);
  const company = normalizeCompanyName(subject.company);
  if (email !== null) keys.push(`email:${email}`);
  if (phone !== null) keys.push(`phone:${phone}`);
  if (company !== '') keys.push(`company:${company}`);
  return { keys, names: { first: normalizePersonName(subject.firstName), last: normalizePersonName(subject.lastName) } };
}

/** The keys a CRM record is findable by (what an index over the CRM holds). */
export function recordBlockingKeys(record: DedupSubject, defaultRegion: string): BlockingKey[] {
  const { keys, names } = contactKeys(record, defaultRegion);
  return [...keys, ...nameKeys(names.first, names.last)];
}

/** The keys to search for a lead's candidates: as a record, plus first and last name swapped. */
export function leadBlockingKeys(lead: DedupSubject, defaultRegion: string): BlockingKey[] {
  const { keys, names } = contactKeys(lead, defaultRegion);
  const all = [...keys, ...nameKeys(names.first, names.last), ...nameKeys(names.last, names.first)];
  return [...new Set(all)];
}

/** The lead's fields for CrmAdapter.findContactCandidates, normalised (email lowercased, phone in E.164). */
export function candidateQueryFromLead(lead: Lead, defaultRegion: string): CandidateQuery {
  const subject = dedupSubjectFromLead(lead);
  return {
    ref: lead.id,
    email: normalizeEmail(subject.email),
    phone: normalizePhone(subject.phone, defaultRegion),
    firstName: subject.firstName?.trim() || null,
    lastName: subject.lastName?.trim() || null,
    company: subject.company?.trim() || null,
  };
}
