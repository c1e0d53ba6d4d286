import type { z } from 'zod';
import { formatZodIssues } from '@synaptiq/shared/schemas/issues';

export type FieldErrors = Record<string, string>;

/** Checks a form's value with the API's own schema: the data, or one message per field path. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: Object.fromEntries(formatZodIssues(result.error).map((issue) => [issue.path, issue.message])) };
}
