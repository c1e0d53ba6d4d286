import { StandardWebhook } from '@synaptiq/shared/webhooks/standard-webhook';
import { leadLifecycle, rawBenchEvent } from '../../../bench/support/leads';

/**
 * A corpus of webhook requests the relay must refuse (or, for odd but valid data, store verbatim), with what
 * each answer must say. Built fresh per run: signatures carry the current time.
 */
export interface CorpusRequest {
  category: string;
  name: string;
  workspaceId: string;
  headers: Record<string, string>;
  body: string;
  /** The error code the answer must carry; `accepted` for a 202 that stores it; `duplicate` for a 202 that does not; `refused-or-accepted` for odd-but-legal data. */
  expect: RegExp | 'accepted' | 'duplicate' | 'refused-or-accepted';
  /** Words the error message or its details must contain (the problem named). */
  names?: string;
}

/** Injection strings and control characters: SQL, HTML, templates, log forging, path traversal, format strings, odd Unicode. */
export const nastyStrings = [
  "'; DROP TABLE events; --",
  '" OR "1"="1',
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '${jndi:ldap://127.0.0.1/a}',
  '../../../../etc/passwd',
  '%s%s%s%n%x',
  'line\r\nX-Injected: yes',
  'nul\u0000byte',
  'bell\u0007esc\u001b[31mred',
  'rtl\u202eevil',
  'zero\u200bwidth\ufeffbom',
  'emoji 😀👩‍💻',
  'lone \ud800 surrogate',
  '\\u0000 escaped',
  'x'.repeat(10_000),
  '   ',
  '{"$gt": ""}',
  '__proto__',
  'constructor',
  '=cmd|"/c calc"!A1',
  '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b SYSTEM "file:///etc/passwd">]><a>&b;</a>',
] as const;

/** Paths of every string field of a conversation or meeting event that the schema reads. */
const stringFields: Array<{ type: (typeof leadLifecycle)[number]; path: string[] }> = [
  ...['id', 'name', 'first_name', 'last_name', 'email', 'title', 'source'].map((field) => ({ type: 'lead.created' as const, path: ['data', 'lead', field] })),
  ...['name', 'domain', 'size', 'industry'].map((field) => ({ type: 'lead.created' as const, path: ['data', 'lead', 'company', field] })),
  { type: 'lead.created', path: ['account_id'] },
  { type: 'lead.created', path: ['id'] },
  ...['id', 'channel', 'summary'].map((field) => ({ type: 'conversation.completed' as const, path: ['data', 'conversation', field] })),
  { type: 'conversation.completed', path: ['data', 'conversation', 'transcript', '0', 'text'] },
  ...['id', 'title', 'location', 'timezone', 'provider'].map((field) => ({ type: 'meeting.booked' as const, path: ['data', 'meeting', field] })),
];

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** Header values fetch can send (no CR, LF or NUL; Latin-1 only). */
const sendableHeader = (value: string) => /^[\t\x20-\x7e\x80-\xff]*$/.test(value);

export function buildCorpus(options: { workspaceId: string; secret: string; run: string }): CorpusRequest[] {
  const webhook = new StandardWebhook(options.secret);
  const otherSecret = new StandardWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  const corpus: CorpusRequest[] = [];
  let serial = 0;
  const freshEvent = (type: (typeof leadLifecycle)[number] = 'lead.created') => rawBenchEvent(10_000 + serial, type, `${options.run}-${serial++}`);
  const signed = (event: Record<string, unknown>, signer = webhook) => {
    const body = JSON.stringify(event);
    const id = String(event.id);
    return { body, headers: { 'content-type': 'application/json', ...signer.headers(sendableHeader(id) ? id : 'unsendable-id', body) } };
  };
  const add = (category: string, name: string, request: { body: string; headers: Record<string, string> }, expect: CorpusRequest['expect'], extra: Partial<CorpusRequest> = {}) =>
    corpus.push({ category, name, workspaceId: options.workspaceId, ...request, expect, ...extra });

  // Missing signature headers: every non-empty subset of the three, on 20 events.
  const signatureHeaders = ['webhook-id', 'webhook-timestamp', 'webhook-signature'];
  for (let i = 0; i < 20; i += 1) {
    for (let mask = 1; mask < 8; mask += 1) {
      const request = signed(freshEvent());
      const missing = signatureHeaders.filter((_, bit) => mask & (1 << bit));
      for (const header of missing) delete (request.headers as Record<string, string>)[header];
      add('missing signature', `without ${missing.join(', ')}`, request, /^signature\.missing$/, { names: missing[0] });
    }
  }

  // Bad signatures.
  const badSignatures: Array<[string, (request: { body: string; headers: Record<string, string> }) => void]> = [
    ['signed with another secret', (r) => Object.assign(r.headers, signed(JSON.parse(r.body) as Record<string, unknown>, otherSecret).headers)],
    ['body changed after signing', (r) => (r.body = r.body.replace('"lead"', '"lead" ').replace('bench', 'bench2'))],
    ['signature of another id', (r) => (r.headers['webhook-id'] = `${r.headers['webhook-id']}x`)],
    ['unknown signature version', (r) => (r.headers['webhook-signature'] = (r.headers['webhook-signature'] ?? '').replace('v1,', 'v2,'))],
    ['signature not base64', (r) => (r.headers['webhook-signature'] = 'v1,!!!not-base64!!!')],
    ['signature truncated', (r) => (r.headers['webhook-signature'] = (r.headers['webhook-signature'] ?? '').slice(0, 20))],
    ['empty signature list', (r) => (r.headers['webhook-signature'] = 'v1,')],
  ];
  for (let i = 0; i < 20; i += 1) {
    for (const [name, spoil] of badSignatures) {
      const request = signed(freshEvent());
      spoil(request);
      add('bad signature', name, request, /^signature\./);
    }
  }

  // Stale, future and malformed timestamps (signed with that timestamp, so only the time is wrong).
  const nowSeconds = Math.floor(Date.now() / 1000);
  // Five minutes of tolerance; a margin of 30 s covers the time the corpus takes to send.
  const timestamps = [nowSeconds - 330, nowSeconds - 3600, nowSeconds - 86_400 * 365, 0, 1, nowSeconds + 330, nowSeconds + 86_400, 9_999_999_999];
  const malformedTimestamps = ['abc', '1.5e9', '-5', '', ' ', '0x10', `${nowSeconds}.5`, '12 3'];
  for (let i = 0; i < 10; i += 1) {
    for (const timestamp of timestamps) {
      const event = freshEvent();
      const body = JSON.stringify(event);
      const id = String(event.id);
      add('timestamp', `timestamp ${timestamp - nowSeconds}s from now`, { body, headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': webhook.sign(id, timestamp, body) } }, /^signature\.timestamp_out_of_range$/);
    }
    for (const timestamp of malformedTimestamps) {
      const request = signed(freshEvent());
      request.headers['webhook-timestamp'] = timestamp;
      add('timestamp', `timestamp "${timestamp}"`, request, /^signature\.(invalid|missing)$/);
    }
  }

  // Replayed ids: the first delivery is stored, every later one (same or different body) is only acknowledged.
  const original = freshEvent();
  add('replay', 'first delivery', signed(original), 'accepted');
  for (let i = 0; i < 15; i += 1) add('replay', 'same event again', signed(original), 'duplicate');
  for (let i = 0; i < 15; i += 1) {
    const changed = structuredClone(original);
    setPath(changed, ['data', 'lead', 'name'], `Replayed ${i}`);
    add('replay', 'same id, other body', signed(changed), 'duplicate');
  }

  // Malformed JSON, correctly signed.
  const malformed = ['', '{', '{"id":', '{"id":"x",}', "{'id':'x'}", 'NaN', '{"id":"x"}garbage', '\u0000', '[[[[', 'undefined', '{"id":"x" "type":"y"}', '\ufeff{}x', `${'['.repeat(100_000)}${']'.repeat(100_000)}`];
  for (let i = 0; i < 3; i += 1) {
    for (const body of malformed) {
      const id = `evt_malformed_${options.run}_${serial++}`;
      add('malformed JSON', `body ${JSON.stringify(body.slice(0, 20))}`, { body, headers: { 'content-type': 'application/json', ...webhook.headers(id, body) } }, /^request\.(malformed_json|invalid)$/);
    }
  }
  for (const body of ['null', '[]', '"an event"', '42', 'true', '{}']) {
    const id = `evt_notobject_${options.run}_${serial++}`;
    add('malformed JSON', `body ${body}`, { body, headers: { 'content-type': 'application/json', ...webhook.headers(id, body) } }, /^request\.invalid$/);
  }

  // Wrong types and values, correctly signed; the message must name the field.
  const wrong: Array<[string, (string | number)[], unknown, (typeof leadLifecycle)[number]?]> = [
    ['created_at', ['created_at'], 'yesterday'],
    ['created_at', ['created_at'], 12345],
    ['type', ['type'], 5],
    ['data', ['data'], null],
    ['lead', ['data', 'lead'], undefined],
    ['lead.id', ['data', 'lead', 'id'], null],
    ['lead.name', ['data', 'lead', 'name'], 7],
    ['lead.name', ['data', 'lead', 'name'], ''],
    ['lead.email', ['data', 'lead', 'email'], ['a@b.c']],
    ['lead.score', ['data', 'lead', 'score'], 101],
    ['lead.score', ['data', 'lead', 'score'], -1],
    ['lead.score', ['data', 'lead', 'score'], 'high'],
    ['lead.score', ['data', 'lead', 'score'], 1.5],
    ['lead.company', ['data', 'lead', 'company'], 'Acme'],
    ['lead.pain_points', ['data', 'lead', 'pain_points'], 'slow'],
    ['lead.qualification_status', ['data', 'lead', 'qualification_status'], 'hot'],
    ['lead.estimated_value', ['data', 'lead', 'estimated_value'], -5],
    ['lead.custom_fields', ['data', 'lead', 'custom_fields'], 'x'],
    ['lead.name', ['data', 'lead', 'name'], 'n'.repeat(256)],
    ['conversation', ['data', 'conversation'], undefined, 'conversation.completed'],
    ['transcript', ['data', 'conversation', 'transcript'], Array.from({ length: 5001 }, () => ({ role: 'lead', text: 'hi' })), 'conversation.completed'],
    ['starts_at', ['data', 'meeting', 'starts_at'], 'soon', 'meeting.booked'],
    ['meeting', ['data', 'meeting'], [], 'meeting.booked'],
    ['status', ['data', 'meeting', 'status'], 'maybe', 'meeting.booked'],
  ];
  for (let i = 0; i < 2; i += 1) {
    for (const [field, path, value, type] of wrong) {
      const event = freshEvent(type);
      setPath(event, path.map(String), value);
      add('wrong type', `${field} = ${JSON.stringify(value)?.slice(0, 30)}`, signed(event), /^request\.invalid$/, { names: String(path[path.length - 1]) });
    }
    for (const id of [42, '', 'i'.repeat(129)]) {
      const event = freshEvent();
      event.id = id;
      const body = JSON.stringify(event);
      add('wrong type', `id = ${JSON.stringify(id).slice(0, 20)}`, { body, headers: { 'content-type': 'application/json', ...webhook.headers(`evt_hdr_${serial++}`, body) } }, /^request\.invalid$/, { names: 'id' });
    }
    const mismatch = freshEvent();
    const body = JSON.stringify(mismatch);
    add('wrong type', 'webhook-id differs from the event id', { body, headers: { 'content-type': 'application/json', ...webhook.headers(`other_${serial++}`, body) } }, /^request\.invalid$/, { names: 'webhook-id' });
  }

  // Unknown event types.
  for (const type of ['lead.deleted', 'LEAD.CREATED', '', 'lead', 'lead.created ', 'meeting.booked.v2', 'conversation', 'lead.updated\u0000', '__proto__', 'toString']) {
    const event = freshEvent();
    event.type = type;
    add('unknown type', `type ${JSON.stringify(type)}`, signed(event), /^request\.invalid$/, { names: 'type' });
  }

  // Wrong content types (signed, so only the media type is wrong).
  for (const contentType of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'text/json']) {
    const request = signed(freshEvent());
    request.headers['content-type'] = contentType;
    add('content type', contentType, request, /^request\.unsupported_media_type$/);
  }

  // Huge bodies, over the 1 MB limit.
  for (const size of [1024 * 1024 + 1, 2 * 1024 * 1024, 8 * 1024 * 1024]) {
    const event = freshEvent();
    setPath(event, ['data', 'lead', 'title'], 't'.repeat(size));
    add('huge body', `${Math.round(size / 1024)} KB`, signed(event), /^request\.too_large$/);
  }

  // Unknown workspaces (signed with the real secret).
  for (const workspace of ['nope', 'Default', 'default2', '..', '%2e%2e', 'a'.repeat(300), 'ws%00', '%F0%9F%98%80', encodeURIComponent("'; DROP TABLE workspaces;--"), '%3Cscript%3E', 'ws%0d%0aX-Injected:%20yes', '-1', '0', 'null', 'undefined']) {
    // fetch resolves ".." before sending, so those two reach another (authenticated) route.
    corpus.push({ category: 'unknown workspace', name: workspace.slice(0, 30), workspaceId: workspace, ...signed(freshEvent()), expect: /^(not_found|request\.invalid|auth\.missing)$/ });
  }

  // Control characters and injection strings in every string field: stored verbatim or refused, never a 5xx.
  for (const { type, path } of stringFields) {
    for (const nasty of nastyStrings) {
      const event = freshEvent(type);
      setPath(event, path, path[path.length - 1] === 'id' ? `${nasty}${serial++}` : nasty);
      const request = signed(event);
      add('injection', `${path.join('.')} = ${JSON.stringify(nasty).slice(0, 24)}`, request, request.headers['webhook-id'] === 'unsendable-id' ? /^(signature\.invalid|request\.invalid)$/ : 'refused-or-accepted');
    }
  }
  return corpus;
}
