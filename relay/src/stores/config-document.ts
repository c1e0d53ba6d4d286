import { z } from 'zod';
import { subscriptionSchema, workspaceSchema } from '@synaptiq/shared';

/**
 * The configuration file (`<dataDir>/config.json`): workspaces and subscriptions, validated
 * with the shared zod schemas on load and on every save, written as pretty JSON with sorted
 * keys so a user can read it, back it up and diff two versions.
 */

export const configDocumentSchema = z.object({
  version: z.literal(1).default(1),
  workspaces: z.array(workspaceSchema).default([]),
  subscriptions: z.array(subscriptionSchema).default([]),
});
export type ConfigDocument = z.infer<typeof configDocumentSchema>;

export const emptyConfigDocument = (): ConfigDocument => ({ version: 1, workspaces: [], subscriptions: [] });

/** Thrown when the configuration file cannot be used; the message names the file and every bad path. */
export class InvalidConfigFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `The configuration file ${file} is invalid; fix or restore it (a backup is a copy of this file):\n` +
        problems.map((problem) => `  - ${problem}`).join('\n'),
    );
    this.name = 'InvalidConfigFileError';
  }
}

const issuePath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : `${text}${text ? '.' : ''}${String(part)}`), '') ||
  '(root)';

export function parseConfigDocument(text: string, file: string): ConfigDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidConfigFileError(file, [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const parsed = configDocumentSchema.safeParse(json);
  if (!parsed.success) {
    throw new InvalidConfigFileError(
      file,
      parsed.error.issues.map((issue) => `${issuePath(issue.path)}: ${issue.message}`),
    );
  }
  return parsed.data;
}

/** Pretty JSON with object keys sorted at every level (arrays keep their order), ending in a newline. */
export function stringifyConfigDocument(document: ConfigDocument): string {
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => [key, sortKeys(item)]),
  );
}
