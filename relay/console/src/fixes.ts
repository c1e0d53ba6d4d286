import { userFixes } from '@synaptiq/shared/errors';
import type { ErrorCode } from '@synaptiq/shared/errors';

/** The documented fix for an error code (crm-sync.md's troubleshooting table), when there is one. */
export const fixFor = (code: string | undefined): string | null => (code ? (userFixes[code as ErrorCode] ?? null) : null);
