import { z } from 'zod';

/**
 * Zapier fields derived from the zod schemas, so a field is declared once: the key, type, choices and required
 * flag come from the schema (through its JSON Schema), the label from the key (or an override).
 */

type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
};

export type ZapierFieldType = 'string' | 'integer' | 'number' | 'boolean' | 'datetime';

export interface OutputField {
  key: string;
  label: string;
  type?: ZapierFieldType;
  list?: boolean;
}

export interface InputField {
  key: string;
  label: string;
  type?: ZapierFieldType | 'text';
  required?: boolean;
  list?: boolean;
  dict?: boolean;
  choices?: string[];
  helpText?: string;
}

const abbreviations: Record<string, string> = { crm: 'CRM', id: 'ID', url: 'URL' };

/** "crm__contact__url" → "CRM Contact URL": Title Case with the abbreviations spelled out as users know them. */
export function labelOf(key: string): string {
  return key
    .split(/__|_/)
    .filter((word) => word.length > 0)
    .map((word) => abbreviations[word] ?? word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

const jsonSchemaOf = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** The non-null alternatives of a property: `nullish()` and unions become a flat list. */
function alternatives(schema: JsonSchema): JsonSchema[] {
  if (schema.anyOf) return schema.anyOf.flatMap(alternatives);
  if (Array.isArray(schema.type)) return schema.type.filter((type) => type !== 'null').map((type) => ({ ...schema, type }));
  return schema.type === 'null' ? [] : [schema];
}

function scalarType(options: JsonSchema[]): ZapierFieldType {
  const types = new Set(options.map((option) => (option.type === 'string' && option.format === 'date-time' ? 'datetime' : option.type)));
  if (types.size !== 1) return 'string';
  const [only] = types;
  return only === 'integer' || only === 'number' || only === 'boolean' || only === 'datetime' ? only : 'string';
}

function walkOutput(schema: JsonSchema, prefix: string, labels: Record<string, string>): OutputField[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
    const key = prefix + name;
    const options = alternatives(property);
    const object = options.find((option) => option.type === 'object' && option.properties);
    if (object) return walkOutput(object, `${key}__`, labels);
    const array = options.find((option) => option.type === 'array');
    if (array) {
      // Lists of scalars are useful line items; lists of objects (attendees, results) stay out of the field list.
      const items = alternatives(array.items ?? {});
      return items.some((item) => item.type === 'object') ? [] : [{ key, label: labels[key] ?? labelOf(key), type: scalarType(items), list: true }];
    }
    return [{ key, label: labels[key] ?? labelOf(key), type: scalarType(options) }];
  });
}

/** Output fields of an object schema, flattened with Zapier's `__` separator ("company__name"). */
export function outputFieldsOf(schema: z.ZodType, labels: Record<string, string> = {}): OutputField[] {
  return walkOutput(jsonSchemaOf(schema), '', labels);
}

export interface InputFieldOptions {
  /** The input key for a schema key (Zapier keys are flat: company.name → company_name). */
  prefix?: string;
  labels?: Record<string, string>;
  helpText?: Record<string, string>;
  /** Everything optional (Update Lead), whatever the schema requires. */
  allOptional?: boolean;
}

/** Static input fields for the scalar, list and dictionary properties of an object schema. */
export function inputFieldsOf(schema: z.ZodType, options: InputFieldOptions = {}): InputField[] {
  const json = jsonSchemaOf(schema);
  const required = new Set(options.allOptional ? [] : (json.required ?? []));
  return Object.entries(json.properties ?? {}).flatMap(([name, property]): InputField[] => {
    const key = (options.prefix ?? '') + name;
    const alternativesOf = alternatives(property);
    const base = {
      key,
      label: options.labels?.[key] ?? labelOf(key),
      ...(required.has(name) ? { required: true } : {}),
      ...(options.helpText?.[key] ? { helpText: options.helpText[key] } : {}),
    };
    const array = alternativesOf.find((option) => option.type === 'array');
    if (array) return [{ ...base, type: scalarType(alternatives(array.items ?? {})) === 'string' ? 'string' : 'number', list: true }];
    const object = alternativesOf.find((option) => option.type === 'object');
    if (object) return object.properties && Object.keys(object.properties).length > 0 ? [] : [{ ...base, dict: true }];
    const choices = alternativesOf.flatMap((option) => option.enum ?? []).filter((value): value is string => typeof value === 'string');
    const type = scalarType(alternativesOf);
    return [{ ...base, type: type === 'datetime' ? 'datetime' : type, ...(choices.length > 0 ? { choices } : {}) }];
  });
}
