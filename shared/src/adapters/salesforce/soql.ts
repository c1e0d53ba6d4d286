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

/**
 * SOQL known to be safe: only this module builds it (the class is not exported), so a plain
 * string can never pass for a query. Interpolating one into `soql` nests it as is.
 */
class SoqlText {
  // A private member makes the type nominal: a look-alike object literal does not type-check.
  private readonly trusted = true;

  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}
export type Soql = SoqlText;

export type SoqlScalar = string | number | boolean | null;
export type SoqlValue = SoqlScalar | Soql | readonly SoqlScalar[];

const identifierPattern = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** A field, object or relationship path (`Email`, `Account.Name`, `Synaptiq_Key__c`). */
export function field(name: string): Soql {
  if (!identifierPattern.test(name)) throw new Error(`Not a Salesforce field name: ${JSON.stringify(name)}`);
  return new SoqlText(name);
}

/** Several fields, comma-separated (for SELECT lists). */
export function fields(names: readonly string[]): Soql {
  return new SoqlText(names.map((name) => field(name).text).join(', '));
}

/** A datetime literal: SOQL wants it unquoted, in UTC, to the second. Flooring keeps `>=` windows inclusive. */
export function dateTime(iso: string): Soql {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Not an ISO date-time: ${JSON.stringify(iso)}`);
  return new SoqlText(new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z'));
}

/** A LIKE operand matching values that end with `suffix` (taken literally). */
export function endsWith(suffix: string): Soql {
  return new SoqlText(`'%${escapeWith(suffix, likeEscapes)}'`);
}

/** A LIKE operand matching values that start with `prefix` (taken literally). */
export function startsWith(prefix: string): Soql {
  return new SoqlText(`'${escapeWith(prefix, likeEscapes)}%'`);
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
  if (value instanceof SoqlText) return value.text;
  if (Array.isArray(value)) {
    if (value.length === 0) throw new Error('SOQL IN lists cannot be empty');
    return `(${value.map((item: SoqlScalar) => literal(item)).join(', ')})`;
  }
  return literal(value as SoqlScalar);
}

/** soql`SELECT Id FROM Lead WHERE Email IN ${emails}` → a query string with every value escaped. */
export function soql(strings: TemplateStringsArray, ...values: SoqlValue[]): Soql {
  let query = strings[0] ?? '';
  values.forEach((value, index) => {
    query += render(value) + (strings[index + 1] ?? '');
  });
  return new SoqlText(query);
}

/** Joins conditions built by `soql`: `(a) OR (b)`. */
export function anyOf(conditions: readonly Soql[]): Soql {
  if (conditions.length === 0) throw new Error('anyOf needs at least one condition');
  return new SoqlText(conditions.map((condition) => `(${condition.text})`).join(' OR '));
}
