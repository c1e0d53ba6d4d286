import type { SyncLogEntry, SyncLogFilter, SyncLogStore } from '@synaptiq/shared';

export const syncLogCsvColumns = ['at', 'record_type', 'action', 'status', 'lead_id', 'event_id', 'crm_id', 'crm_url', 'error_code', 'error_message', 'message', 'retry_count'] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled. A leading
 * = + - @ is prefixed with ' so a spreadsheet never runs a value as a formula (OWASP CSV injection).
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(entry: SyncLogEntry): string {
  const values: Record<(typeof syncLogCsvColumns)[number], string | number | null> = {
    at: entry.at,
    record_type: entry.record_type,
    action: entry.action,
    status: entry.status,
    lead_id: entry.lead_id,
    event_id: entry.event_id,
    crm_id: entry.crm_id,
    crm_url: entry.crm_url,
    error_code: entry.error?.code ?? null,
    error_message: entry.error?.message ?? null,
    message: entry.message,
    retry_count: entry.retry_count,
  };
  return syncLogCsvColumns.map((column) => csvField(values[column])).join(',');
}

/** The filtered log as CSV lines (header first), newest first, read page by page so memory stays flat. */
export async function* syncLogCsv(store: SyncLogStore, workspaceId: string, filter: SyncLogFilter, maxRows: number): AsyncGenerator<string> {
  yield `${syncLogCsvColumns.join(',')}\r\n`;
  let cursor: string | null = null;
  let rows = 0;
  do {
    const page = await store.list(workspaceId, filter, { limit: Math.min(500, maxRows - rows), cursor });
    for (const entry of page.items) yield `${csvRow(entry)}\r\n`;
    rows += page.items.length;
    cursor = page.next_cursor;
  } while (cursor !== null && rows < maxRows);
}
