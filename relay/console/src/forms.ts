import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

type Issue = z.core.$ZodIssue;

const pathOf = (path: ReadonlyArray<PropertyKey>) => path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : String(segment))).join('.').replace(/\.\[/g, '[');

/** Zod's generic messages, reworded to say what to type; the schemas' own custom messages are kept as they are. */
function sayWhatToDo(issue: Issue): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array') return `Choose at least ${String(issue.minimum)}.`;
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'Fill this in.' : `Type at least ${String(issue.minimum)} characters.`;
      return `Use ${String(issue.minimum)} or more.`;
    case 'too_big':
      return issue.origin === 'string' ? `Use at most ${String(issue.maximum)} characters.` : `Use ${String(issue.maximum)} or less.`;
    case 'invalid_type':
      return issue.expected === 'number' ? 'Type a number.' : 'Fill this in.';
    case 'invalid_value':
      return 'Choose one of the options.';
    case 'not_multiple_of':
      return 'Type a whole number.';
    default:
      return issue.message;
  }
}

/** Zod marks its default messages by starting them this way; a schema's own message is kept word for word. */
const isGeneric = (message: string) => /^(Too (small|big)|Invalid (input|option)|Expected|Number must|String must)/.test(message);

/** Checks a form's value with the API's own schema: the data, or one message per field path that says what to do. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = pathOf(issue.path);
    errors[path] ??= isGeneric(issue.message) ? sayWhatToDo(issue) : issue.message;
  }
  return { ok: false, errors };
}
