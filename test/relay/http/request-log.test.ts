import assert from 'node:assert/strict';
import request from 'supertest';
import { createTestRelay } from '../support/test-relay';

describe('request log', () => {
  it('logs method, route, status and workspace, never the key, query or body', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const record = (fields: object) => lines.push(fields as Record<string, unknown>);
    const logger = { debug: record, info: record, warn: record, error: record };
    const relay = createTestRelay({ logger });
    const { apiKey } = await relay.addWorkspace();
    await request(relay.app).get('/v1/leads?email=ada@analytical.example').set('authorization', `Bearer ${apiKey}`);
    const line = lines.find((fields) => fields.route === '/v1/leads');
    assert.deepEqual({ ...line, duration_ms: undefined }, { method: 'GET', route: '/v1/leads', status: 200, duration_ms: undefined, workspace_id: 'acme' });
    const text = JSON.stringify(lines);
    assert.ok(!text.includes(apiKey) && !text.includes('ada@'));
  });
});
