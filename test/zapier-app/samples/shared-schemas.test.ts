import assert from 'node:assert/strict';
import { z } from 'zod';
import { createdDealSchema, leadViewSchema, meetingBookedSchema, syncFailedSchema, syncNowSchema } from '@synaptiq/shared';
import { createLeadSample, dealSample, syncNowSample } from '../../../zapier-app/src/samples/actions';
import { meetingBookedSample, syncFailedSample } from '../../../zapier-app/src/samples/events';
import { leadSample } from '../../../zapier-app/src/samples/lead';

/** Strict at every level: a sample must carry exactly the relay's keys (no invented or renamed field). */
function strictDeep(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) return z.strictObject(Object.fromEntries(Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, field]) => [key, strictDeep(field)])));
  if (schema instanceof z.ZodNullable) return strictDeep(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodArray) return z.array(strictDeep(schema.element as z.ZodType));
  return schema;
}

const samples: Array<{ name: string; sample: unknown; schema: z.ZodType }> = [
  { name: 'the lead (New Lead, Lead Synced, Find Lead)', sample: leadSample, schema: leadViewSchema },
  { name: 'New Meeting Booked', sample: meetingBookedSample, schema: meetingBookedSchema },
  { name: 'Sync Failed', sample: syncFailedSample, schema: syncFailedSchema },
  { name: 'Create Deal', sample: dealSample, schema: createdDealSchema },
  { name: 'Sync Now', sample: syncNowSample, schema: syncNowSchema },
  { name: 'Create Lead (the lead plus its event id)', sample: createLeadSample, schema: leadViewSchema.extend({ event_id: z.string() }) },
];

describe("the Zapier app's samples", () => {
  for (const { name, sample, schema } of samples) {
    it(`${name} parses with the relay's shared schema, key for key`, () => {
      const parsed = strictDeep(schema).safeParse(sample);
      assert.ok(parsed.success, parsed.success ? '' : z.prettifyError(parsed.error));
    });
  }

  it('would be caught with a field the relay does not send', () => {
    assert.equal(strictDeep(leadViewSchema).safeParse({ ...leadSample, company: { ...leadSample.company, employees: 60 } }).success, false);
  });
});
