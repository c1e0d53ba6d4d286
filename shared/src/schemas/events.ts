import { z } from 'zod';

/**
 * The Synaptiq webhook contract (see docs/api.md). Unknown extra fields are kept
 * (z.looseObject), so a newer sender never loses data passing through the relay.
 */

const isoDateTime = z.iso.datetime({ offset: true });
const nullish = <T extends z.ZodType>(schema: T) => schema.nullish();

export const companySchema = z.looseObject({
  name: nullish(z.string().trim().min(1).max(255)),
  domain: nullish(z.string().trim().max(255)),
  /** A range string such as "51-200" or "1000+", or an employee count. */
  size: nullish(z.union([z.string().trim().max(50), z.number().int().nonnegative()])),
  industry: nullish(z.string().trim().max(255)),
});
export type Company = z.infer<typeof companySchema>;

export const qualificationStatuses = ['new', 'engaged', 'qualified', 'disqualified', 'won', 'lost'] as const;
export const qualificationStatusSchema = z.enum(qualificationStatuses);
export type QualificationStatus = z.infer<typeof qualificationStatusSchema>;

export const leadSchema = z.looseObject({
  id: z.string().trim().min(1).max(128),
  name: z.string().trim().min(1).max(255),
  first_name: nullish(z.string().trim().max(128)),
  last_name: nullish(z.string().trim().max(128)),
  email: nullish(z.string().trim().max(254)),
  phone: nullish(z.string().trim().max(64)),
  title: nullish(z.string().trim().max(255)),
  company: nullish(companySchema),
  qualification_status: nullish(qualificationStatusSchema),
  score: nullish(z.number().int().min(0).max(100)),
  source: nullish(z.string().trim().max(128)),
  pain_points: nullish(z.array(z.string().max(1000)).max(100)),
  estimated_value: nullish(z.number().nonnegative()),
  custom_fields: nullish(z.record(z.string(), z.unknown())),
});
export type Lead = z.infer<typeof leadSchema>;

export const transcriptLineSchema = z.looseObject({
  role: z.string().min(1).max(32),
  text: z.string().max(20_000),
  at: nullish(isoDateTime),
});

export const conversationSchema = z.looseObject({
  id: z.string().trim().min(1).max(128),
  channel: nullish(z.string().max(64)),
  started_at: nullish(isoDateTime),
  ended_at: nullish(isoDateTime),
  summary: nullish(z.string().max(20_000)),
  transcript: nullish(z.array(transcriptLineSchema).max(5_000)),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const meetingStatuses = ['booked', 'rescheduled', 'cancelled'] as const;
export const meetingSchema = z.looseObject({
  id: z.string().trim().min(1).max(128),
  provider: nullish(z.string().max(64)),
  title: nullish(z.string().max(500)),
  starts_at: isoDateTime,
  ends_at: nullish(isoDateTime),
  timezone: nullish(z.string().max(64)),
  location: nullish(z.string().max(2000)),
  attendees: nullish(z.array(z.looseObject({ name: nullish(z.string().max(255)), email: nullish(z.string().max(254)) })).max(100)),
  status: nullish(z.enum(meetingStatuses)),
});
export type Meeting = z.infer<typeof meetingSchema>;

const envelope = {
  id: z.string().trim().min(1).max(128),
  created_at: isoDateTime,
  account_id: nullish(z.string().max(128)),
};

const leadOnly = z.looseObject({ lead: leadSchema });

export const eventTypes = [
  'lead.created',
  'lead.updated',
  'lead.qualified',
  'lead.disqualified',
  'conversation.completed',
  'meeting.booked',
  'meeting.rescheduled',
  'meeting.cancelled',
] as const;
export type EventType = (typeof eventTypes)[number];

const meetingData = z.looseObject({ lead: leadSchema, meeting: meetingSchema });

/** One webhook event: the envelope with a `data` shape chosen by `type`. */
export const synaptiqEventSchema = z.discriminatedUnion('type', [
  z.looseObject({ ...envelope, type: z.literal('lead.created'), data: leadOnly }),
  z.looseObject({ ...envelope, type: z.literal('lead.updated'), data: leadOnly }),
  z.looseObject({ ...envelope, type: z.literal('lead.qualified'), data: leadOnly }),
  z.looseObject({
    ...envelope,
    type: z.literal('lead.disqualified'),
    data: z.looseObject({ lead: leadSchema, reason: nullish(z.string().max(2000)) }),
  }),
  z.looseObject({
    ...envelope,
    type: z.literal('conversation.completed'),
    data: z.looseObject({ lead: leadSchema, conversation: conversationSchema }),
  }),
  z.looseObject({ ...envelope, type: z.literal('meeting.booked'), data: meetingData }),
  z.looseObject({ ...envelope, type: z.literal('meeting.rescheduled'), data: meetingData }),
  z.looseObject({ ...envelope, type: z.literal('meeting.cancelled'), data: meetingData }),
]);
export type SynaptiqEvent = z.infer<typeof synaptiqEventSchema>;
export type MeetingEvent = Extract<SynaptiqEvent, { type: `meeting.${string}` }>;
