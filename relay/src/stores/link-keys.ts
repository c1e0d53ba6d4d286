/**
 * A lead's links are the keys starting with `lead:<leadId>:` (shared/src/sync/operations.ts keys).
 * As a key range [from, to) it uses the primary-key index and needs no LIKE escaping: ';' is the
 * character right after ':'.
 */
export const leadKeyPrefix = (leadId: string): string => `lead:${leadId}:`;

export const leadKeyRange = (leadId: string): { from: string; to: string } => ({
  from: leadKeyPrefix(leadId),
  to: `lead:${leadId};`,
});
