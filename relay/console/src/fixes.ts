import { errorCodes, userFixes } from '@synaptiq/shared/errors';
import type { ErrorCode } from '@synaptiq/shared/errors';

const retried = 'Synaptiq retries this by itself (the CRM had a passing problem); press Replay to try again now.';
const otherFixes: Partial<Record<ErrorCode, string>> = {
  'lead.missing_required_fields': 'The lead lacks a field the sync needs (named above): it syncs once Synaptiq sends the lead again with it.',
  internal: 'Something failed inside the relay (it is in the relay\'s log); press Replay to try again.',
};

/** What the user can do about an error code: crm-sync.md's troubleshooting fix, or what happens next and how to hurry it. */
export function fixFor(code: string | undefined): string | null {
  if (code === undefined || !(code in errorCodes)) return null;
  const known = code as ErrorCode;
  return userFixes[known] ?? otherFixes[known] ?? (errorCodes[known].disposition === 'retry' ? retried : null);
}
