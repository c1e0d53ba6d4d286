import { z } from 'zod';

const value = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const propertiesSchema = z.record(z.string(), value).default({});

const associationSchema = z.object({
  to: z.object({ id: z.union([z.string(), z.number()]).transform(String) }),
  types: z.array(
    z.object({
      associationCategory: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED']).default('HUBSPOT_DEFINED'),
      associationTypeId: z.number().int(),
    }),
  ),
});

const id = z.union([z.string(), z.number()]).transform(String);

export const createInputSchema = z.object({
  properties: propertiesSchema,
  associations: z.array(associationSchema).default([]),
  objectWriteTraceId: z.string().optional(),
});
export type CreateInput = z.infer<typeof createInputSchema>;

export const updateInputSchema = z.object({
  id,
  idProperty: z.string().optional(),
  properties: propertiesSchema,
  objectWriteTraceId: z.string().optional(),
});

export const upsertInputSchema = z.object({
  id,
  idProperty: z.string(),
  properties: propertiesSchema,
  objectWriteTraceId: z.string().optional(),
});

export const readBodySchema = z.object({
  inputs: z.array(z.object({ id })),
  properties: z.array(z.string()).default([]),
  propertiesWithHistory: z.array(z.string()).default([]),
  idProperty: z.string().optional(),
});

export const archiveBodySchema = z.object({ inputs: z.array(z.object({ id })) });

export const batchOf = <T extends z.ZodType>(input: T) => z.object({ inputs: z.array(input) });

export const propertyCreateSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'name must be lower-case letters, digits and underscores'),
  label: z.string().min(1),
  type: z.enum(['bool', 'date', 'datetime', 'enumeration', 'number', 'phone_number', 'string']),
  fieldType: z.enum(['booleancheckbox', 'calculation_equation', 'checkbox', 'date', 'file', 'html', 'number', 'phonenumber', 'radio', 'select', 'text', 'textarea']),
  groupName: z.string().min(1),
  description: z.string().default(''),
  options: z
    .array(z.object({ label: z.string(), value: z.string(), displayOrder: z.number().int().default(0), hidden: z.boolean().default(false), description: z.string().optional() }))
    .default([]),
  hasUniqueValue: z.boolean().default(false),
  displayOrder: z.number().int().default(-1),
  formField: z.boolean().optional(),
  hidden: z.boolean().optional(),
});

export const associationBatchCreateSchema = z.object({
  inputs: z.array(
    z.object({
      from: z.object({ id }),
      to: z.object({ id }),
      types: z.array(z.object({ associationCategory: z.string().default('HUBSPOT_DEFINED'), associationTypeId: z.number().int() })),
    }),
  ),
});

export const associationDefaultSchema = z.object({
  inputs: z.array(z.object({ from: z.object({ id }), to: z.object({ id }) })),
});

export const associationReadSchema = z.object({ inputs: z.array(z.object({ id })) });

export const associationTypesSchema = z.array(
  z.object({ associationCategory: z.string().default('HUBSPOT_DEFINED'), associationTypeId: z.number().int() }),
);

export const associationArchiveSchema = z.object({
  inputs: z.array(z.object({ from: z.object({ id }), to: z.array(z.object({ id })) })),
});
