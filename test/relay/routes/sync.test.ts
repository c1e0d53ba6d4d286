import assert from 'node:assert/strict';
import request from 'supertest';
import type { SyncLogEntry } from '@synaptiq/shared';
import { bearer, createTestRelay } from '../support/test-relay';
import type { TestRelay } from '../support/test-relay';

const entry = (n: number, patch: Partial<SyncLogEntry> = {}): SyncLogEntry => ({
  id: `log_${n}`,
  workspace_id: 'acme',
  at: `2026-11-24T15:0${n}:00.000Z`,
  event_id: `evt_${n}`,
  lead_id: 'lead_1',
  record_type: 'contact',
  action: 'create',
  status: 'success',
  crm_id: String(100 + n),
  crm_url: `https://crm.example/${100 + n}`,
  error: null,
  message: null,
  retry_count: 0,
  ...patch,
});

describe('Sync Now and the sync log', () => {
  let relay: TestRelay;
  let auth: string;

  beforeEach(async () => {
    relay = createTestRelay();
    auth = bearer((await relay.addWorkspace()).apiKey);
  });

  it('POST /v1/sync runs the worker\'s Sync Now for the key\'s workspace and returns its counts', async () => {
    relay.worker.syncNowResult = { pushed: 2, skipped: 1, failed: 0, remaining: 0, results: [{ event_id: 'evt_1', lead_id: 'lead_1', status: 'synced' }] };
    const res = await request(relay.app).post('/v1/sync').set('authorization', auth);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, relay.worker.syncNowResult);
    assert.deepEqual(relay.worker.syncNows, ['acme']);
  });

  it('GET /v1/sync-log lists entries newest first, without the workspace id', async () => {
    await relay.stores.syncLog.append([entry(1), entry(2)]);
    const res = await request(relay.app).get('/v1/sync-log').set('authorization', auth);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.data.map((e: SyncLogEntry) => e.id), ['log_2', 'log_1']);
    assert.equal(res.body.data[0].workspace_id, undefined);
    assert.equal(res.body.next_cursor, null);
  });

  it('filters the log by status, record type, lead and time, and pages it', async () => {
    await relay.stores.syncLog.append([
      entry(1),
      entry(2, { status: 'failed', error: { code: 'crm.validation', message: 'bad phone', details: {} } }),
      entry(3, { record_type: 'deal' }),
      entry(4, { lead_id: 'lead_2' }),
    ]);
    const ids = async (query: string) => (await request(relay.app).get(`/v1/sync-log?${query}`).set('authorization', auth)).body.data.map((e: SyncLogEntry) => e.id);
    assert.deepEqual(await ids('status=failed'), ['log_2']);
    assert.deepEqual(await ids('record_type=deal'), ['log_3']);
    assert.deepEqual(await ids('lead_id=lead_2'), ['log_4']);
    assert.deepEqual(await ids('since=2026-11-24T15:03:00Z'), ['log_4', 'log_3']);
    const page = await request(relay.app).get('/v1/sync-log?limit=3').set('authorization', auth);
    assert.equal(page.body.data.length, 3);
    const rest = await request(relay.app).get(`/v1/sync-log?limit=3&cursor=${page.body.next_cursor}`).set('authorization', auth);
    assert.deepEqual(rest.body.data.map((e: SyncLogEntry) => e.id), ['log_1']);
  });

  it('answers 422 to an unknown status or record type', async () => {
    const res = await request(relay.app).get('/v1/sync-log?status=ok&record_type=ticket').set('authorization', auth);
    assert.equal(res.status, 422);
    assert.deepEqual((res.body.error.details.errors as Array<{ path: string }>).map((e) => e.path).sort(), ['query.record_type', 'query.status']);
  });

  it('exports the filtered log as CSV with commas, quotes, line breaks and formulas escaped', async () => {
    await relay.stores.syncLog.append([
      entry(1, { status: 'failed', error: { code: 'crm.validation', message: 'Phone "+1 555" is invalid,\nfix it', details: {} } }),
      entry(2, { message: '=HYPERLINK("http://evil")' }),
      entry(3, { record_type: 'deal' }),
    ]);
    const res = await request(relay.app).get('/v1/sync-log.csv?record_type=contact').set('authorization', auth);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /^text\/csv/);
    assert.match(res.headers['content-disposition'] ?? '', /attachment; filename="sync-log-acme.csv"/);
    const lines = res.text.split('\r\n');
    assert.equal(lines[0], 'at,record_type,action,status,lead_id,event_id,crm_id,crm_url,error_code,error_message,message,retry_count');
    assert.equal(lines[1], `2026-11-24T15:02:00.000Z,contact,create,success,lead_1,evt_2,102,https://crm.example/102,,,"'=HYPERLINK(""http://evil"")",0`);
    // The line break inside the quoted field is kept as it is: only \r\n ends a record.
    assert.equal(lines[2], `2026-11-24T15:01:00.000Z,contact,create,failed,lead_1,evt_1,101,https://crm.example/101,crm.validation,"Phone ""+1 555"" is invalid,\nfix it",,0`);
    assert.deepEqual(lines.slice(3), ['']);
  });
});
