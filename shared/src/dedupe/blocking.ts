import type { CandidateQuery } from '../schemas/crm';
import type { Lead } from '../schemas/events';
import { normalizePersonName } from './names';
import { normalizeCompanyName, normalizeEmail, normalizePhone } from './normalize';
import { dedupSubjectFromLead, type DedupSubject } from './subject';

/**
 * Cheap candidate keys, each one a search a CRM can run (email =, email domain =, phone =, phone ends with,
 * last name =, first name = and last name starts with, company =), so scoring only sees a handful of records. Salesforce's matching rules narrow
 * candidates the same way before they score.
 */
export type BlockingKeyKind =
  | 'email' | 'email_domain' | 'phone' | 'phone_last4' | 'last_name' | 'first_name_last_initial' | 'company';
export type BlockingKey = `${BlockingKeyKind}:${string}`;

/** The largest free-mail providers: their domain says nothing about who someone is. */
const freeMailDomains = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'ymail.com', 'hotmail.com', 'hotmail.co.uk', 'outlook.com',
  'live.com', 'msn.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.com',
  'gmx.de', 'gmx.net', 'web.de', 'mail.com', 'mail.ru', 'yandex.ru', 'qq.com', '163.com', 'zoho.com', 'bigpond.com',
]);

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
  const domain = email?.slice(email.lastIndexOf('@') + 1);
  // A company domain finds colleagues and the same person under a mistyped address; a free-mail domain finds everyone.
  if (domain !== undefined && !freeMailDomains.has(domain)) keys.push(`email_domain:${domain}`);
  // The last four digits survive a slip earlier in the number (Salesforce uses them as a candidate key too).
  if (phone !== null) keys.push(`phone:${phone}`, `phone_last4:${phone.slice(-4)}`);
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
