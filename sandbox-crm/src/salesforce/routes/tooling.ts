import { Router } from 'express';
import { z } from 'zod';
import type { SandboxContext } from '../../http/context';
import { sfFail } from '../errors';
import { versionOf } from '../present';
import { field, type SfFieldType } from '../schema';

/** Metadata types of CustomField and the describe type they become. */
const TYPES: Record<string, SfFieldType> = {
  Text: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Email: 'email',
  Phone: 'phone',
  Url: 'url',
  Number: 'double',
  Currency: 'currency',
  Percent: 'percent',
  Checkbox: 'boolean',
  Date: 'date',
  DateTime: 'datetime',
  Picklist: 'picklist',
};

const customFieldSchema = z.object({
  FullName: z.string().regex(/^\w+\.\w+__c$/, 'FullName must look like Object.Field__c'),
  Metadata: z.object({
    label: z.string().min(1),
    type: z.string(),
    length: z.number().int().positive().optional(),
    precision: z.number().int().positive().optional(),
    scale: z.number().int().nonnegative().optional(),
    visibleLines: z.number().int().positive().optional(),
    externalId: z.boolean().default(false),
    unique: z.boolean().default(false),
    required: z.boolean().default(false),
    description: z.string().optional(),
    valueSet: z
      .object({ valueSetDefinition: z.object({ value: z.array(z.object({ fullName: z.string(), label: z.string().optional() })) }) })
      .optional(),
  }),
});

/**
 * Tooling API CustomField create, which "Create in CRM" uses for new fields and External ID fields.
 * https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_customfield.htm
 */
export function toolingRoutes(ctx: SandboxContext): Router {
  const router = Router();
  router.post('/services/data/:version/tooling/sobjects/CustomField', (req, res) => {
    versionOf(req);
    const parsed = customFieldSchema.safeParse(req.body);
    if (!parsed.success) throw sfFail(400, 'FIELD_INTEGRITY_EXCEPTION', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { FullName, Metadata } = parsed.data;
    const [objectName = '', fieldName = ''] = FullName.split('.');
    const type = TYPES[Metadata.type];
    if (!type) throw sfFail(400, 'FIELD_INTEGRITY_EXCEPTION', `Unsupported field type: ${Metadata.type}`);
    if (Metadata.type === 'Text' && !Metadata.length) throw sfFail(400, 'FIELD_INTEGRITY_EXCEPTION', 'Length: You must enter a value', ['length']);
    if (Metadata.externalId && !['Text', 'Number', 'Email'].includes(Metadata.type)) {
      throw sfFail(400, 'FIELD_INTEGRITY_EXCEPTION', 'External ID: only Text, Number and Email fields can be External IDs');
    }
    const values = Metadata.valueSet?.valueSetDefinition.value.map((v) => v.fullName) ?? [];
    const id = ctx.salesforce.addCustomField(
      objectName,
      field(fieldName, type, {
        label: Metadata.label,
        length: Metadata.length ?? (type === 'textarea' ? 32_768 : type === 'string' ? 255 : 0),
        externalId: Metadata.externalId,
        unique: Metadata.unique,
        nillable: !Metadata.required,
        custom: true,
        picklist: values,
      }),
    );
    ctx.changed();
    res.status(201).json({ id, success: true, errors: [], warnings: [], infos: [] });
  });
  return router;
}
