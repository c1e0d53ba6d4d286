import assert from 'node:assert/strict';
import request from 'supertest';
import { createTestRelay } from '../support/test-relay';

describe('GET /health and /ready', () => {
  it('answers health without a key', async () => {
    const res = await request(createTestRelay().app).get('/health');
    assert.deepEqual([res.status, res.body], [200, { status: 'ok' }]);
  });

  it('is ready while the worker runs, and 503 when it does not', async () => {
    const relay = createTestRelay();
    assert.equal((await request(relay.app).get('/ready')).status, 200);
    relay.worker.started = false;
    const res = await request(relay.app).get('/ready');
    assert.deepEqual([res.status, res.body], [503, { status: 'not_ready' }]);
  });
});
