import assert from 'node:assert/strict';
import request from 'supertest';
import { createTestRelay } from '../support/test-relay';
import type { TestRelay } from '../support/test-relay';

describe('admin API key authentication', () => {
  let relay: TestRelay;
  let apiKey: string;

  beforeEach(async () => {
    relay = createTestRelay();
    ({ apiKey } = await relay.addWorkspace());
  });

  it('lets a valid Bearer key through to its workspace', async () => {
    const res = await request(relay.app).get('/v1/me').set('authorization', `Bearer ${apiKey}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.workspace.id, 'acme');
  });

  const rejections: Array<{ name: string; header: string | undefined; code: string }> = [
    { name: 'no Authorization header', header: undefined, code: 'auth.missing' },
    { name: 'a Basic header', header: 'Basic dXNlcjpwYXNz', code: 'auth.invalid' },
    { name: 'an unknown key', header: 'Bearer sk_unknown_key_000000000000000000000', code: 'auth.invalid' },
    { name: 'an empty Bearer header', header: 'Bearer ', code: 'auth.invalid' },
  ];
  for (const { name, header, code } of rejections) {
    it(`answers 401 ${code} to ${name}`, async () => {
      const call = request(relay.app).get('/v1/me');
      const res = await (header === undefined ? call : call.set('authorization', header));
      assert.equal(res.status, 401);
      assert.equal(res.body.error.code, code);
    });
  }

  it('accepts the scheme name in any case', async () => {
    const res = await request(relay.app).get('/v1/me').set('authorization', `bearer ${apiKey}`);
    assert.equal(res.status, 200);
  });

  it('never echoes the presented key back', async () => {
    const res = await request(relay.app).get('/v1/me').set('authorization', 'Bearer sk_secret_value_that_must_not_leak_00');
    assert.ok(!JSON.stringify(res.body).includes('sk_secret_value_that_must_not_leak_00'));
  });

  it('answers unknown admin paths with 401 before authentication and 404 after', async () => {
    assert.equal((await request(relay.app).get('/v1/nothing')).status, 401);
    const res = await request(relay.app).get('/v1/nothing').set('authorization', `Bearer ${apiKey}`);
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'not_found');
  });
});
