import type { z } from 'zod';

export interface FieldIssue {
  /** Dotted path with array indices in brackets, e.g. `data.lead.company.size`, `data.conversation.transcript[2].role`. */
  path: string;
  message: string;
}

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((out, segment) => {
    if (typeof segment === 'number') return `${out}[${segment}]`;
    const name = String(segment);
    return out === '' ? name : `${out}.${name}`;
  }, '');

/**
 * Every problem of a failed parse, one entry per bad field, for 422 answers and the sync log.
 * Union failures are flattened to the issues of their branches so the caller sees the fields, not "invalid input".
 */
export function formatZodIssues(error: z.ZodError): FieldIssue[] {
  const byPath = new Map<string, string[]>();
  for (const issue of flatten(error.issues)) {
    const path = formatPath(issue.path);
    const messages = byPath.get(path) ?? [];
    if (!messages.includes(issue.message)) messages.push(issue.message);
    byPath.set(path, messages);
  }
  return [...byPath].map(([path, messages]) => ({ path, message: messages.join('; or ') }));
}

function flatten(issues: ReadonlyArray<z.core.$ZodIssue>, prefix: ReadonlyArray<PropertyKey> = []): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      return issue.errors.flatMap((branch) => flatten(branch, path));
    }
    // One entry per unexpected key, so each bad field is named by its own path.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ ...issue, path: [...path, key], message: `Unrecognized key: "${key}"` }));
    }
    return [{ ...issue, path }];
  });
}
