import assert from 'node:assert/strict';
import express from 'express';
import request from 'supertest';
import { SyncError } from '@synaptiq/shared';
import { errorHandler, notFoundHandler } from '../../../relay/src/http/errors';

function appThrowing(error: unknown) {
  const logged: Array<Record<string, unknown>> = [];
  const record = (fields: object) => logged.push(fields as Record<string, unknown>);
  const app = express();
  app.get('/boom', () => {
    throw error;
  });
  app.use(notFoundHandler);
  app.use(errorHandler({ debug: record, info: record, warn: record, error: record }));
  return { app, logged };
}

describe('error answers', () => {
  it('answers a SyncError with its status, code, message and details', async () => {
    const { app } = appThrowing(new SyncError('conflict', 'Lead "x" already has a deal.', { details: { lead_id: 'x' } }));
    const res = await request(app).get('/boom');
    assert.deepEqual([res.status, res.body], [409, { error: { code: 'conflict', message: 'Lead "x" already has a deal.', details: { lead_id: 'x' } } }]);
  });

  it('sends Retry-After in seconds when the error knows when to retry', async () => {
    const { app } = appThrowing(new SyncError('crm.rate_limited', 'Slow down.', { retryAfterMs: 1_500 }));
    const res = await request(app).get('/boom');
    assert.equal(res.status, 429);
    assert.equal(res.headers['retry-after'], '2');
  });

  it('answers anything else as an opaque 500 and logs it without its message', async () => {
    const { app, logged } = appThrowing(new Error('connect failed for token pat-na1-secret'));
    const res = await request(app).get('/boom');
    assert.equal(res.status, 500);
    assert.equal(res.body.error.code, 'internal');
    assert.ok(!JSON.stringify(res.body).includes('pat-na1-secret'));
    assert.equal(logged.length, 1);
    assert.equal(logged[0]?.err_name, 'Error');
    assert.ok(!JSON.stringify(logged).includes('pat-na1-secret'));
  });

  it('answers an unknown route with 404 not_found naming the route', async () => {
    const res = await request(appThrowing(null).app).delete('/nowhere');
    assert.equal(res.status, 404);
    assert.match(res.body.error.message, /DELETE \/nowhere/);
  });
});
