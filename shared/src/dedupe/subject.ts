import type { CrmContact } from '../schemas/crm';
import type { Lead } from '../schemas/events';

/** What dedup compares of a person, whether it comes from a Synaptiq lead or a CRM record. */
export interface DedupSubject {
  email?: string | null | undefined;
  phone?: string | null | undefined;
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  company?: string | null | undefined;
}

/** First word is the first name, the rest the last name: only used when the lead has no first/last fields. */
function splitFullName(name: string): { firstName: string; lastName: string } {
  const words = name.trim().split(/\s+/);
  return { firstName: words[0] ?? '', lastName: words.slice(1).join(' ') };
}

export function dedupSubjectFromLead(lead: Lead): DedupSubject {
  const hasParts = Boolean(lead.first_name?.trim()) || Boolean(lead.last_name?.trim());
  const names = hasParts ? { firstName: lead.first_name, lastName: lead.last_name } : splitFullName(lead.name);
  return { email: lead.email, phone: lead.phone, company: lead.company?.name, ...names };
}

export function dedupSubjectFromContact(contact: CrmContact): DedupSubject {
  return {
    email: contact.email,
    phone: contact.phone,
    firstName: contact.firstName,
    lastName: contact.lastName,
    company: contact.company,
  };
}
