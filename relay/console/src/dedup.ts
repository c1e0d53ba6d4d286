import type { LeadView } from '../../src/routes/responses';

type Dedup = LeadView['dedup'];

const rules = {
  email: 'the same email address',
  phone: 'the same phone number (compared in international format)',
  name_company: 'a similar name at the same company',
  none: 'no rule',
} as const;

/** The duplicate decision in words: what matched, how sure, what was done about it. */
export function explainDedup(dedup: Dedup): string {
  if (dedup === null) return 'Not checked yet: the lead has not been synced (it is waiting for the next sync, or Sync Now).';
  const record = dedup.matched_record_id ? `CRM record ${dedup.matched_record_id}` : 'an existing CRM record';
  const score = `${Math.round(dedup.score * 100)}% sure`;
  const evidence = dedup.evidence.length > 0 ? ` Evidence: ${dedup.evidence.join('; ')}.` : '';
  switch (dedup.outcome) {
    case 'match':
      return `Matched ${record} by ${rules[dedup.rule]} (${score}), so the duplicate handling setting decided what happened to it.${evidence}`;
    case 'review':
      return `Possibly the same person as ${record}: ${rules[dedup.rule]} (${score}), not sure enough to merge. A new record was created and flagged for review.${evidence}`;
    default:
      return 'No existing contact matched by email, phone, or name and company, so a new one was created.';
  }
}
