import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Pure normalisers for duplicate detection: one function per field, no I/O.
 * Keys (normalizeEmail, normalizePhone) are safe to look records up by; evidence (emailEvidenceKey)
 * only supports a decision, because two different mailboxes can share it.
 */

/** Exact email key: trimmed and lowercased; null when it is not an address. */
export function normalizeEmail(raw: string | null | undefined): string | null {
  const email = (raw ?? '').trim().toLowerCase();
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1 || /\s/.test(email)) return null;
  return email;
}

/** Domains that ignore dots in the local part (Gmail documents this; googlemail.com is the same service). */
const dotInsensitiveDomains = new Set(['gmail.com', 'googlemail.com']);

/**
 * The mailbox an address most likely delivers to: `+tag` dropped, and Gmail dots removed.
 * Evidence only, never a lookup key: plus-addressing is honoured by some providers and not others.
 */
export function emailEvidenceKey(raw: string | null | undefined): string | null {
  const email = normalizeEmail(raw);
  if (email === null) return null;
  const at = email.lastIndexOf('@');
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (dotInsensitiveDomains.has(domain)) local = local.replaceAll('.', '');
  return `${local}@${domain}`;
}

/** Phone number in E.164 (+61412345678), or null when it cannot be a valid number in that region. */
export function normalizePhone(raw: string | null | undefined, defaultRegion: string): string | null {
  const text = (raw ?? '').trim();
  if (text === '') return null;
  const parsed = parsePhoneNumberFromString(text, defaultRegion.toUpperCase() as CountryCode);
  if (parsed === undefined || !parsed.isValid()) return null;
  return parsed.number;
}

/**
 * Legal-form suffixes, as token sequences after punctuation is removed ("S.A." → "s a", "Pty. Ltd." → "pty ltd").
 * Longest first so "pty ltd" goes before "ltd".
 */
const legalSuffixes: readonly string[][] = [
  'pty ltd', 'pvt ltd', 'co ltd', 'sdn bhd', 'gmbh co kg', 'gmbh & co kg', 'ltd co',
  'incorporated', 'inc', 'corporation', 'corp', 'company', 'co', 'limited', 'ltd', 'llc', 'l l c', 'llp', 'lp',
  'plc', 'gmbh', 'ag', 'kg', 'ug', 'ev', 'sa', 's a', 'sas', 's a s', 'sarl', 'srl', 's r l', 'spa', 's p a',
  'bv', 'b v', 'nv', 'n v', 'ab', 'as', 'a s', 'oy', 'aps', 'kk', 'pte', 'pty', 'sl', 's l', 'sdn', 'bhd', 'pc',
]
  .map((suffix) => suffix.split(' '))
  .sort((a, b) => b.length - a.length);

function endsWithTokens(tokens: string[], suffix: string[]): boolean {
  if (suffix.length >= tokens.length) return false; // never strip the whole name ("AG" alone stays)
  return suffix.every((part, i) => tokens[tokens.length - suffix.length + i] === part);
}

/** Company name for comparison: lowercase, accents and punctuation gone, legal suffixes dropped, spaces collapsed. */
export function normalizeCompanyName(raw: string | null | undefined): string {
  let tokens = (raw ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replaceAll('&', ' & ')
    .replace(/[^\p{L}\p{N}&]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter((token) => token !== '');
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (const suffix of legalSuffixes) {
      if (endsWithTokens(tokens, suffix)) {
        tokens = tokens.slice(0, tokens.length - suffix.length);
        stripped = true;
        break;
      }
    }
  }
  while (tokens.length > 1 && (tokens.at(-1) === '&' || tokens.at(-1) === 'and')) tokens = tokens.slice(0, -1);
  return tokens.join(' ');
}

/** Local parts that name a function, not a person: several people read them, so they prove nothing about who. */
const roleLocalParts = new Set([
  'info', 'sales', 'support', 'admin', 'administrator', 'contact', 'contactus', 'hello', 'hi', 'office', 'team',
  'enquiries', 'enquiry', 'inquiries', 'inquiry', 'help', 'helpdesk', 'service', 'services', 'customerservice',
  'billing', 'accounts', 'accounting', 'finance', 'invoices', 'hr', 'jobs', 'careers', 'recruiting', 'marketing',
  'press', 'media', 'pr', 'webmaster', 'postmaster', 'hostmaster', 'abuse', 'noreply', 'no-reply', 'donotreply',
  'mail', 'email', 'general', 'reception', 'frontdesk', 'bookings', 'booking', 'reservations', 'orders', 'legal',
  'privacy', 'security', 'it', 'ops', 'operations', 'partners', 'feedback', 'newsletter', 'all', 'staff',
]);

/** True for shared mailboxes such as info@, sales@, support@ (a `+tag` is ignored). */
export function isRoleAddress(email: string | null | undefined): boolean {
  const normalized = normalizeEmail(email);
  if (normalized === null) return false;
  const local = normalized.slice(0, normalized.lastIndexOf('@')).split('+')[0] ?? '';
  return roleLocalParts.has(local);
}
