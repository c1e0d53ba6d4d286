import { z } from 'zod';
import { companySchema, conversationSchema, errorCodes, leadSchema, meetingBookedSchema, meetingSchema, submittedLeadSchema, synaptiqEventSchema, workspaceSettingsSchema } from '@synaptiq/shared';
import type { ErrorCode } from '@synaptiq/shared';
import { pageQuerySchema } from './http/paging';
import {
  createdDealSchema,
  dataOf,
  errorResponseSchema,
  eventSummarySchema,
  ingestResultSchema,
  leadViewSchema,
  listOf,
  meSchema,
  ownerSchema,
  pipelineSchema,
  propertySchema,
  stageSchema,
  syncLogEntrySchema,
  syncNowSchema,
  verifySchema,
  hookDeliverySchema,
  hookSubscriptionSchema,
} from './routes/responses';
import { deliveryListQuerySchema, subscribeBodySchema } from './routes/hooks';
import {
  dealInputSchema,
  eventListQuerySchema,
  leadInputSchema,
  leadListQuerySchema,
  leadPatchSchema,
  leadSubmitQuerySchema,
  propertiesQuerySchema,
  reviewResolutionSchema,
  settingsQuerySchema,
  syncLogQuerySchema,
} from './routes/schemas';

/**
 * The relay's OpenAPI 3.1 document, built from the same zod schemas the routes parse with and the
 * services answer with. Served at GET /openapi.json; `npm run openapi` writes docs/openapi.json.
 */

type JsonSchema = Record<string, unknown>;

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** Admin routes take the workspace API key; the webhook route takes a Standard Webhooks signature instead. */
  auth: 'api_key' | 'signature' | 'none';
  params?: Record<string, string>;
  query?: z.ZodObject;
  body?: z.ZodType;
  ok: { status: number; description: string; schema?: z.ZodType; contentType?: string };
  errors?: ErrorCode[];
}

const validation: ErrorCode[] = ['request.invalid'];
const crmErrors: ErrorCode[] = ['crm.auth_expired', 'crm.auth_revoked', 'crm.rate_limited', 'crm.transient', 'crm.not_configured'];

const operations: Operation[] = [
  { method: 'get', path: '/health', summary: 'Liveness', tag: 'Operations', auth: 'none', ok: { status: 200, description: 'The process answers.', schema: z.object({ status: z.literal('ok') }) } },
  { method: 'get', path: '/ready', summary: 'Readiness: stores open and the worker running (503 while starting or stopping)', tag: 'Operations', auth: 'none', ok: { status: 200, description: 'Ready.', schema: z.object({ status: z.enum(['ready', 'not_ready']) }) } },
  { method: 'get', path: '/metrics', summary: 'Prometheus metrics (Bearer METRICS_TOKEN when set)', tag: 'Operations', auth: 'none', ok: { status: 200, description: 'Prometheus text exposition format.', contentType: 'text/plain' } },
  { method: 'get', path: '/openapi.json', summary: 'This document', tag: 'Operations', auth: 'none', ok: { status: 200, description: 'OpenAPI 3.1' } },
  {
    method: 'post',
    path: '/v1/workspaces/{workspaceId}/webhooks/synaptiq',
    summary: 'Receive a signed Synaptiq event',
    description:
      'Standard Webhooks: headers webhook-id (= the event id), webhook-timestamp (unix seconds, within 5 minutes) and webhook-signature (`v1,<base64 HMAC-SHA256 of "id.timestamp.rawBody">`, space-separated during a secret rotation). Answers 202 only after the event is durably stored; a repeated webhook-id answers 202 "duplicate" and is processed once. Body at most 1 MB.',
    tag: 'Webhooks',
    auth: 'signature',
    params: { workspaceId: 'The workspace the event belongs to (its webhook secret signs the request).' },
    body: synaptiqEventSchema,
    ok: { status: 202, description: 'Stored (accepted) or seen before (duplicate).', schema: ingestResultSchema },
    errors: ['signature.missing', 'signature.invalid', 'signature.timestamp_out_of_range', 'request.malformed_json', 'request.too_large', 'request.unsupported_media_type', 'request.invalid', 'not_found'],
  },
  { method: 'get', path: '/v1/me', summary: 'The API key\'s workspace, its CRM and sync status', tag: 'Workspace', auth: 'api_key', ok: { status: 200, description: 'The workspace.', schema: meSchema } },
  { method: 'get', path: '/v1/settings', summary: 'Read the settings', tag: 'Workspace', auth: 'api_key', ok: { status: 200, description: 'The settings, defaults filled in.', schema: workspaceSettingsSchema } },
  ...(['put', 'patch'] as const).map(
    (method): Operation => ({
      method,
      path: '/v1/settings',
      summary: method === 'put' ? 'Replace the settings (omitted fields take their defaults)' : 'Change some settings (objects merge, arrays and values replace)',
      description: 'The field mapping is checked against the CRM\'s live properties and the deal pipeline/stages against its pipelines: 422 crm.invalid_property with details.errors[] and details.missing_custom_properties[]. `?create_missing_properties=true` creates the missing custom properties first (needed when switching CRM).',
      tag: 'Workspace',
      auth: 'api_key',
      query: settingsQuerySchema,
      body: method === 'put' ? workspaceSettingsSchema : workspaceSettingsSchema.partial(),
      ok: { status: 200, description: 'The saved settings.', schema: workspaceSettingsSchema },
      errors: [...validation, 'request.malformed_json', 'crm.invalid_property', ...crmErrors],
    }),
  ),
  { method: 'post', path: '/v1/crm/verify', summary: 'Verify Connection', tag: 'CRM', auth: 'api_key', ok: { status: 200, description: 'The account the credentials reach.', schema: verifySchema }, errors: crmErrors },
  { method: 'get', path: '/v1/crm/properties', summary: 'The CRM\'s properties of an object (mapping dropdowns)', tag: 'CRM', auth: 'api_key', query: propertiesQuerySchema, ok: { status: 200, description: 'Properties.', schema: dataOf(propertySchema) }, errors: [...validation, ...crmErrors] },
  { method: 'post', path: '/v1/crm/properties', summary: 'Create in CRM: the custom properties the sync needs that the CRM lacks', tag: 'CRM', auth: 'api_key', ok: { status: 200, description: 'What was created, as object.name.', schema: z.object({ created: z.array(z.string()) }) }, errors: crmErrors },
  { method: 'get', path: '/v1/crm/pipelines', summary: 'Deal pipelines and their stages', tag: 'CRM', auth: 'api_key', ok: { status: 200, description: 'Pipelines.', schema: dataOf(pipelineSchema) }, errors: crmErrors },
  { method: 'get', path: '/v1/crm/pipelines/{pipelineId}/stages', summary: 'The stages of one pipeline', tag: 'CRM', auth: 'api_key', params: { pipelineId: 'A pipeline id from /v1/crm/pipelines.' }, ok: { status: 200, description: 'Stages.', schema: dataOf(stageSchema) }, errors: ['not_found', ...crmErrors] },
  { method: 'get', path: '/v1/crm/owners', summary: 'Active CRM users who can own records', tag: 'CRM', auth: 'api_key', ok: { status: 200, description: 'Owners.', schema: dataOf(ownerSchema) }, errors: crmErrors },
  {
    method: 'post',
    path: '/v1/crm/connect/{provider}',
    summary: 'Start connecting HubSpot or Salesforce over OAuth: a link to open in a browser (10 minutes, single use)',
    description: 'GET on the same path answers 302 to the link instead. The CRM sends the user back to GET /v1/crm/callback/{provider} (public: the signed state names the workspace), which stores the tokens encrypted and resumes a paused sync.',
    tag: 'CRM',
    auth: 'api_key',
    params: { provider: 'hubspot or salesforce' },
    ok: { status: 200, description: 'The authorize link.', schema: z.object({ authorize_url: z.url(), expires_at: z.string() }) },
    errors: ['request.invalid', 'crm.not_configured'],
  },
  {
    method: 'delete',
    path: '/v1/crm/connection',
    summary: 'Disconnect the CRM (revokes an OAuth refresh token); the workspace falls back to the sandbox CRM when one runs',
    tag: 'CRM',
    auth: 'api_key',
    ok: { status: 200, description: 'What was done.', schema: z.object({ disconnected: z.boolean(), revoked: z.boolean() }) },
  },
  { method: 'get', path: '/v1/leads', summary: 'Leads, newest first', tag: 'Leads', auth: 'api_key', query: leadListQuerySchema, ok: { status: 200, description: 'A page of leads.', schema: listOf(leadViewSchema) }, errors: validation },
  {
    method: 'post',
    path: '/v1/leads',
    summary: 'Submit a lead from another source (through the same pipeline as a webhook)',
    description:
      'Stored as a lead.created event (201), or lead.updated when the id is known (200); the worker dedups and writes it. `dedup` is null until the worker has run: `?wait=true` answers after it ran (real-time mode, at most 10 s), else GET /v1/leads/{id} shows it later.',
    tag: 'Leads',
    auth: 'api_key',
    query: leadSubmitQuerySchema,
    body: leadInputSchema,
    ok: { status: 201, description: 'Queued.', schema: submittedLeadSchema },
    errors: [...validation, 'request.malformed_json'],
  },
  { method: 'get', path: '/v1/leads/{leadId}', summary: 'One lead with its CRM records, owner and dedup decision', tag: 'Leads', auth: 'api_key', params: { leadId: 'The lead id.' }, ok: { status: 200, description: 'The lead.', schema: leadViewSchema }, errors: ['not_found'] },
  { method: 'patch', path: '/v1/leads/{leadId}', summary: 'Change a lead (sent on as lead.updated)', description: 'Fields sent as null keep their value (as with webhook events).', tag: 'Leads', auth: 'api_key', params: { leadId: 'The lead id.' }, body: leadPatchSchema, ok: { status: 200, description: 'The lead.', schema: leadViewSchema }, errors: ['not_found', ...validation] },
  { method: 'post', path: '/v1/deals', summary: 'Create a deal for a lead in the CRM now', description: 'Defaults come from the deal settings (pipeline, stage, owner assignment, close_in_days). 409 when the lead already has a deal, or has no contact/company in the CRM yet.', tag: 'Deals', auth: 'api_key', body: dealInputSchema, ok: { status: 201, description: 'The deal.', schema: z.object({ deal: createdDealSchema }) }, errors: ['not_found', 'conflict', ...validation, 'crm.invalid_property', 'crm.validation', ...crmErrors] },
  { method: 'post', path: '/v1/sync', summary: 'Sync Now: run everything pending, whatever the sync mode', description: 'A paused workspace is resumed first.', tag: 'Sync', auth: 'api_key', ok: { status: 200, description: 'Counts and per-event results.', schema: syncNowSchema } },
  { method: 'get', path: '/v1/sync-log', summary: 'The sync log, newest first', tag: 'Sync', auth: 'api_key', query: syncLogQuerySchema, ok: { status: 200, description: 'A page of entries.', schema: listOf(syncLogEntrySchema) }, errors: validation },
  { method: 'get', path: '/v1/sync-log.csv', summary: 'The filtered sync log as CSV (RFC 4180, formulas neutralised)', tag: 'Sync', auth: 'api_key', query: syncLogQuerySchema.omit({ limit: true, cursor: true }), ok: { status: 200, description: 'CSV with a header row.', contentType: 'text/csv' }, errors: validation },
  { method: 'get', path: '/v1/events', summary: 'Stored events (the queue; status=dead lists dead letters)', tag: 'Events', auth: 'api_key', query: eventListQuerySchema, ok: { status: 200, description: 'A page of events (without payloads).', schema: listOf(eventSummarySchema) }, errors: validation },
  { method: 'post', path: '/v1/events/{eventId}/replay', summary: 'Replay a dead or failed event now', tag: 'Events', auth: 'api_key', params: { eventId: 'The event id.' }, ok: { status: 202, description: 'Back in the queue.', schema: z.object({ id: z.string(), status: z.literal('pending') }) }, errors: ['not_found', 'conflict'] },
  {
    method: 'get',
    path: '/v1/meetings',
    summary: 'Booked meetings, newest first, shaped like the meeting.booked hook\'s data',
    description: 'From the event journal (what retention has not pruned), including meetings still waiting to sync; each with its lead as it is now. Zapier\'s New Meeting Booked lists these as samples. A meeting booked for a lead the relay does not know is left out, so a page may be short while next_cursor goes on.',
    tag: 'Meetings',
    auth: 'api_key',
    query: pageQuerySchema,
    ok: { status: 200, description: 'A page of meetings.', schema: listOf(meetingBookedSchema) },
    errors: validation,
  },
  { method: 'get', path: '/v1/review', summary: 'Leads flagged as possible duplicates', tag: 'Review', auth: 'api_key', query: pageQuerySchema, ok: { status: 200, description: 'A page of leads.', schema: listOf(leadViewSchema) }, errors: validation },
  {
    method: 'post',
    path: '/v1/hooks',
    summary: 'Subscribe a URL to an outbound event (REST hooks, e.g. Zapier triggers)',
    description: 'Deliveries are signed with Standard Webhooks using the returned secret (shown only here). Private, loopback and link-local targets are refused unless HOOKS_ALLOW_PRIVATE_TARGETS=true. See docs/api.md "Webhooks for subscribers" for payloads.',
    tag: 'Hooks',
    auth: 'api_key',
    body: subscribeBodySchema,
    ok: { status: 201, description: 'The subscription, with its signing secret.', schema: hookSubscriptionSchema.extend({ secret: z.string().describe('whsec_…: shown once') }) },
    errors: [...validation],
  },
  { method: 'get', path: '/v1/hooks', summary: 'The workspace\'s subscriptions, newest first', tag: 'Hooks', auth: 'api_key', ok: { status: 200, description: 'Subscriptions (never their secrets).', schema: listOf(hookSubscriptionSchema) } },
  { method: 'delete', path: '/v1/hooks/{hookId}', summary: 'Unsubscribe', tag: 'Hooks', auth: 'api_key', params: { hookId: 'The subscription id.' }, ok: { status: 204, description: 'Deleted.' }, errors: ['not_found'] },
  { method: 'get', path: '/v1/hooks/{hookId}/deliveries', summary: 'Delivery log of a subscription', tag: 'Hooks', auth: 'api_key', params: { hookId: 'The subscription id.' }, query: deliveryListQuerySchema, ok: { status: 200, description: 'A page of deliveries (without payloads).', schema: listOf(hookDeliverySchema) }, errors: ['not_found', ...validation] },
  { method: 'post', path: '/v1/hooks/deliveries/{deliveryId}/replay', summary: 'Send a delivery again now (same webhook-id)', tag: 'Hooks', auth: 'api_key', params: { deliveryId: 'The delivery id.' }, ok: { status: 202, description: 'Queued.', schema: z.object({ id: z.string(), status: z.literal('pending') }) }, errors: ['not_found', 'conflict'] },
  { method: 'post', path: '/v1/review/{leadId}', summary: 'Resolve a review (merging itself is done with the CRM\'s merge tool)', tag: 'Review', auth: 'api_key', params: { leadId: 'The lead id.' }, body: reviewResolutionSchema, ok: { status: 200, description: 'The lead.', schema: leadViewSchema }, errors: ['not_found', 'conflict', ...validation] },
];

/** Schemas used in several places become components, referenced by name. */
const named = z.registry<{ id: string }>();
for (const [schema, id] of [
  [synaptiqEventSchema, 'SynaptiqEvent'],
  [leadSchema, 'Lead'],
  [companySchema, 'Company'],
  [conversationSchema, 'Conversation'],
  [meetingSchema, 'Meeting'],
  [workspaceSettingsSchema, 'WorkspaceSettings'],
  [leadViewSchema, 'LeadView'],
  [meetingBookedSchema, 'MeetingBooked'],
  [syncLogEntrySchema, 'SyncLogEntry'],
  [eventSummarySchema, 'EventSummary'],
  [errorResponseSchema, 'Error'],
  [hookSubscriptionSchema, 'HookSubscription'],
] as const) {
  named.add(schema, { id });
}

/** Components collected while the operations are converted (input shapes get an "Input" suffix: defaults make fields optional). */
type Components = Map<string, JsonSchema>;

function toSchema(schema: z.ZodType, io: 'input' | 'output', components: Components): JsonSchema {
  const suffix = io === 'input' ? 'Input' : '';
  const converted = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    metadata: named,
    // The date-time format says it all; zod's validating regex would repeat 500 characters at every date.
    override: ({ jsonSchema }) => {
      if (jsonSchema.format === 'date-time' || jsonSchema.format === 'date') delete jsonSchema.pattern;
    },
  }) as JsonSchema;
  const { $schema: _dialect, $defs: defs, ...json } = converted as JsonSchema & { $defs?: Record<string, JsonSchema> };
  const rename = (value: JsonSchema): JsonSchema =>
    JSON.parse(JSON.stringify(value).replace(/"#\/\$defs\/([A-Za-z]+)"/g, `"#/components/schemas/$1${suffix}"`)) as JsonSchema;
  for (const [id, definition] of Object.entries(defs ?? {})) {
    const { id: _id, ...body } = definition;
    components.set(`${id}${suffix}`, rename(body));
  }
  const own = named.get(schema)?.id;
  if (own) {
    // zod answers a registered schema as a $ref to its own $defs entry, already collected above.
    if (!components.has(`${own}${suffix}`)) {
      const { id: _id, ...body } = json;
      components.set(`${own}${suffix}`, rename(body));
    }
    return { $ref: `#/components/schemas/${own}${suffix}` };
  }
  return rename(json);
}

const errorResponse = (codes: ErrorCode[]) => {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(errorCodes[code].status, [...(byStatus.get(errorCodes[code].status) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [String(status), { description: list.join(', '), content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
  );
};

function queryParameters(query: z.ZodObject, components: Components): JsonSchema[] {
  const schema = toSchema(query, 'input', components) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: property }));
}

function operationObject(op: Operation, components: Components): JsonSchema {
  const security = op.auth === 'api_key' ? [{ apiKey: [] }] : [];
  const authErrors: ErrorCode[] = op.auth === 'api_key' ? ['auth.missing', 'auth.invalid'] : [];
  const parameters = [
    ...Object.entries(op.params ?? {}).map(([name, description]) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } })),
    ...(op.query ? queryParameters(op.query, components) : []),
    ...(op.auth === 'signature'
      ? ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => ({ name, in: 'header', required: true, schema: { type: 'string' } }))
      : []),
  ];
  const content = op.ok.contentType ?? 'application/json';
  return {
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    operationId: `${op.method}${op.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ?? '').toUpperCase())}`,
    security,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(op.body, 'input', components) } } } } : {}),
    responses: {
      [String(op.ok.status)]: { description: op.ok.description, ...(op.ok.schema ? { content: { [content]: { schema: toSchema(op.ok.schema, 'output', components) } } } : op.ok.contentType ? { content: { [content]: { schema: { type: 'string' } } } } : {}) },
      ...errorResponse([...authErrors, ...(op.errors ?? [])]),
      default: { description: 'internal: an unexpected error, logged; retry later', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    },
  };
}

export function buildOpenApi(version = '0.1.0'): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const components: Components = new Map();
  toSchema(errorResponseSchema, 'output', components);
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operationObject(op, components);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Synaptiq CRM Sync relay',
      version,
      description:
        'Signed Synaptiq webhooks in, mapped and deduplicated HubSpot/Salesforce writes out. Admin routes take `Authorization: Bearer <workspace API key>` and see only that workspace. Every error is `{"error": {"code", "message", "details"}}`. Lists take `limit` (1–100, default 25) and `cursor`, and answer `{"data": [...], "next_cursor"}`, newest first. Examples: docs/api.md.',
    },
    servers: [{ url: 'http://localhost:3000', description: 'npm start' }],
    tags: ['Webhooks', 'Workspace', 'CRM', 'Leads', 'Meetings', 'Deals', 'Sync', 'Events', 'Review', 'Hooks', 'Operations'].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'The workspace API key (printed once when the workspace is created).' } },
      schemas: Object.fromEntries([...components].sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}
