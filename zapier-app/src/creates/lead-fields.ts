import { companySchema, leadSchema } from '@synaptiq/shared/schemas/events';
import { formatZodIssues } from '@synaptiq/shared/schemas/issues';
import type { ZObject } from 'zapier-platform-core';
import { inputFieldsOf } from '../fields/from-zod';
import type { InputField } from '../fields/from-zod';

/** The lead fields a Zap can set: the shared lead schema without its id (the relay makes one) and company nested. */
const leadBodySchema = leadSchema.omit({ id: true, company: true });
const companyFields = companySchema.pick({ name: true, domain: true, size: true, industry: true });

const labels: Record<string, string> = {
  name: 'Full Name',
  score: 'Lead Score',
  qualification_status: 'Qualification Status',
  company_size: 'Company Size',
};
const helpText: Record<string, string> = {
  name: 'Used to derive first and last name when those are empty.',
  score: 'A whole number from 0 to 100.',
  company_size: 'A range such as `51-200`, or an employee count.',
  pain_points: 'One pain point per line item.',
  custom_fields: 'Extra values your field mapping can send to the CRM.',
};

/** "Lead": chosen from the dropdown or found by a Find Lead step, never typed as an id. */
export const leadIdField = {
  key: 'lead_id',
  label: 'Lead',
  required: true,
  dynamic: 'lead_list.id.label',
  search: 'find_lead.id',
  helpText: 'Pick a lead, or map one found by the Find Lead step.',
};

/** Static input fields of Create Lead (`required` as the schema says) or Update Lead (`allOptional`). */
export function leadInputFields(options: { allOptional?: boolean } = {}): InputField[] {
  return [
    ...inputFieldsOf(leadBodySchema, { labels, helpText, ...options }),
    ...inputFieldsOf(companyFields, { prefix: 'company_', labels, helpText, allOptional: true }),
  ];
}

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && Object.keys(value).length === 0);

/** Numbers typed into text boxes arrive as strings; the schema wants numbers. */
const numeric = (fields: InputField[]) => new Set(fields.filter((field) => field.type === 'integer' || field.type === 'number').map((field) => field.key));

/**
 * The lead body for POST/PATCH /v1/leads from a Zap's input: empty optional fields dropped (they must not
 * error or blank a value), company_* nested, then checked against the shared schema so the user reads what to fix.
 */
export function leadBodyFrom(z: ZObject, inputData: Record<string, unknown>, options: { partial: boolean }): Record<string, unknown> {
  const fields = leadInputFields();
  const numbers = numeric(fields);
  const body: Record<string, unknown> = {};
  const company: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = inputData[field.key];
    if (isEmpty(raw)) continue;
    const value = numbers.has(field.key) && typeof raw === 'string' ? Number(raw) : raw;
    if (field.key.startsWith('company_')) company[field.key.slice('company_'.length)] = value;
    else body[field.key] = value;
  }
  if (Object.keys(company).length > 0) body.company = company;
  const schema = options.partial ? leadBodySchema.partial().extend({ company: companyFields.optional() }) : leadBodySchema.extend({ company: companyFields.optional() });
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const problems = formatZodIssues(parsed.error).map((issue) => `${issue.path}: ${issue.message}`);
    throw new z.errors.Error(`Some lead fields are not valid: ${problems.join('; ')}.`, 'request.invalid', 422);
  }
  return body;
}
