/**
 * The one way SOQL is built: a tagged template that escapes every interpolated value.
 * Strings become quoted literals with Salesforce's escape sequences, arrays become `(…)` lists,
 * field names and datetimes must be wrapped (`field`, `dateTime`, `endsWith`) so nothing is ever
 * pasted into a query unescaped.
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm
 */

const stringEscapes: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};
// LIKE patterns also treat % and _ as wildcards; escape them so they match literally.
const likeEscapes: Record<string, string> = { ...stringEscapes, '%': '\\%', _: '\\_' };

/** A fragment already known to be safe SOQL (built only by the helpers below). */
export class SoqlFragment {
  constructor(readonly text: string) {}
}

export type SoqlScalar = string | number | boolean | null;
export type SoqlValue = SoqlScalar | SoqlFragment | readonly SoqlScalar[];

const identifierPattern = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** A field, object or relationship path (`Email`, `Account.Name`, `Synaptiq_Key__c`). */
export function field(name: string): SoqlFragment {
  if (!identifierPattern.test(name)) throw new Error(`Not a Salesforce field name: ${JSON.stringify(name)}`);
  return new SoqlFragment(name);
}

/** Several fields, comma-separated (for SELECT lists). */
export function fields(names: readonly string[]): SoqlFragment {
  return new SoqlFragment(names.map((name) => field(name).text).join(', '));
}

/** A datetime literal: SOQL wants it unquoted, in UTC, to the second. Flooring keeps `>=` windows inclusive. */
export function dateTime(iso: string): SoqlFragment {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Not an ISO date-time: ${JSON.stringify(iso)}`);
  return new SoqlFragment(new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z'));
}

/** A LIKE operand matching values that end with `suffix` (taken literally). */
export function endsWith(suffix: string): SoqlFragment {
  return new SoqlFragment(`'%${escapeWith(suffix, likeEscapes)}'`);
}

/** A LIKE operand matching values that start with `prefix` (taken literally). */
export function startsWith(prefix: string): SoqlFragment {
  return new SoqlFragment(`'${escapeWith(prefix, likeEscapes)}%'`);
}

function escapeWith(value: string, table: Record<string, string>): string {
  return value.replace(/[\\'"\n\r\t\b\f%_]/g, (char) => table[char] ?? char);
}

function literal(value: SoqlScalar): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('SOQL numbers must be finite');
    return String(value);
  }
  return `'${escapeWith(value, stringEscapes)}'`;
}

function render(value: SoqlValue): string {
  if (value instanceof SoqlFragment) return value.text;
  if (Array.isArray(value)) {
    if (value.length === 0) throw new Error('SOQL IN lists cannot be empty');
    return `(${value.map((item: SoqlScalar) => literal(item)).join(', ')})`;
  }
  return literal(value as SoqlScalar);
}

/** A query or condition built by `soql`: only these can be combined into larger queries. */
export type Soql = string & { readonly __brand: 'soql' };

/** soql`SELECT Id FROM Lead WHERE Email IN ${emails}` → a query string with every value escaped. */
export function soql(strings: TemplateStringsArray, ...values: SoqlValue[]): Soql {
  let query = strings[0] ?? '';
  values.forEach((value, index) => {
    query += render(value) + (strings[index + 1] ?? '');
  });
  return query as Soql;
}

/** Joins conditions built by `soql`: `(a) OR (b)`. */
export function anyOf(conditions: readonly Soql[]): SoqlFragment {
  if (conditions.length === 0) throw new Error('anyOf needs at least one condition');
  return new SoqlFragment(conditions.map((condition) => `(${condition})`).join(' OR '));
}
