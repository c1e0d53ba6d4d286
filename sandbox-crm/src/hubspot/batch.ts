import { HubspotHttpError } from './errors';

/** One prepared input: what to commit, or the error HubSpot reports for it. */
export type Prepared<T> = { ok: true; commit: () => T } | { ok: false; error: HubspotHttpError; traceId?: string };

export interface BatchOutcome<T> {
  results: T[];
  errors: unknown[];
}

/** An input's error in a 207 body's `errors[]`. */
export function batchError(error: HubspotHttpError, traceId?: string) {
  const context = { ...(error.body.context ?? {}), ...(traceId ? { objectWriteTraceId: [traceId] } : {}) };
  return {
    status: 'error',
    category: error.body.category,
    message: error.body.message,
    context,
    ...(error.body.errors ? { errors: error.body.errors } : {}),
  };
}

/**
 * HubSpot validates a batch before writing: without `objectWriteTraceId` on every input the first invalid
 * input fails the whole call; with them, valid inputs are written and the others come back in `errors[]` (207).
 */
export function runBatch<T>(prepared: Prepared<T>[], perInputErrors: boolean): BatchOutcome<T> {
  const failures = prepared.filter((p): p is Extract<Prepared<T>, { ok: false }> => !p.ok);
  const first = failures[0];
  if (first && !perInputErrors) throw first.error;
  const results: T[] = [];
  for (const p of prepared) if (p.ok) results.push(p.commit());
  return { results, errors: failures.map((f) => batchError(f.error, f.traceId)) };
}

export function prepare<T>(run: () => () => T, traceId?: string): Prepared<T> {
  try {
    return { ok: true, commit: run() };
  } catch (error) {
    if (error instanceof HubspotHttpError) return { ok: false, error, traceId };
    throw error;
  }
}
