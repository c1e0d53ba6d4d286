import assert from 'node:assert/strict';
import request from 'supertest';
import type { Response } from 'supertest';
import { createTestRelay } from '../relay/support/test-relay';
import type { TestRelay } from '../relay/support/test-relay';

/** Sign-in, the session cookie, CSRF and the security headers of /admin, through the relay app (no browser). */

const password = 'operator-password-for-tests';

interface Signed {
  cookie: string;
  csrf: string;
  body: Record<string, unknown>;
}

async function signIn(relay: TestRelay, body: object): Promise<Signed> {
  const res = await request(relay.app).post('/admin/session').set('content-type', 'application/json').send(body).expect(200);
  const cookie = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] as string;
  return { cookie, csrf: String(res.body.csrf_token), body: res.body as Record<string, unknown> };
}

const cookieHeader = (res: Response) => String(res.headers['set-cookie']?.[0] ?? '');

describe('admin console sessions', () => {
  let relay: TestRelay;
  let apiKey: string;
  let otherKey: string;
  beforeEach(async () => {
    relay = createTestRelay({ console: { adminPassword: password } });
    ({ apiKey } = await relay.addWorkspace({ id: 'default', name: 'Default workspace' }));
    ({ apiKey: otherKey } = await relay.addWorkspace({ id: 'acme', name: 'Acme' }));
  });

  it('sets an httpOnly, SameSite=Strict cookie scoped to /admin that carries no API key', async () => {
    const res = await request(relay.app).post('/admin/session').send({ api_key: apiKey }).expect(200);
    const cookie = cookieHeader(res);
    assert.match(cookie, /^synaptiq_console=[A-Za-z0-9_-]{43}; Path=\/admin; HttpOnly; SameSite=Strict$/);
    assert.ok(!cookie.includes(apiKey) && !res.text.includes(apiKey), 'the key never goes back to the browser');
  });

  it('marks the cookie Secure when the relay\'s public address is https', async () => {
    const behindTls = createTestRelay({ console: { secureCookies: true } });
    const { apiKey: key } = await behindTls.addWorkspace();
    const res = await request(behindTls.app).post('/admin/session').send({ api_key: key }).expect(200);
    assert.match(cookieHeader(res), /; Secure$/);
  });

  it('does not believe X-Forwarded-Proto for the Secure flag (trust proxy is off)', async () => {
    const res = await request(relay.app).post('/admin/session').set('x-forwarded-proto', 'https').send({ api_key: apiKey }).expect(200);
    assert.doesNotMatch(cookieHeader(res), /Secure/);
  });

  it('answers the workspace of the key, and only that one, to a workspace sign-in', async () => {
    const { body } = await signIn(relay, { api_key: otherKey });
    assert.deepEqual([body.kind, body.workspace, body.workspaces], ['workspace', { id: 'acme', name: 'Acme' }, [{ id: 'acme', name: 'Acme' }]]);
  });

  it('refuses a wrong key with a message saying where to find the right one', async () => {
    const res = await request(relay.app).post('/admin/session').send({ api_key: 'sk_this-key-does-not-exist-anywhere' }).expect(401);
    assert.equal(res.body.error.code, 'auth.invalid');
    assert.match(res.body.error.message, /printed when the workspace was created/);
  });

  it('refuses a malformed sign-in naming the field to fix', async () => {
    const res = await request(relay.app).post('/admin/session').send({ api_key: 'short' }).expect(422);
    assert.match(res.body.error.message, /api_key/);
  });

  it('locks an address out after ten failed sign-ins', async () => {
    for (let i = 0; i < 10; i += 1) await request(relay.app).post('/admin/session').send({ password: 'wrong-password' }).expect(401);
    const res = await request(relay.app).post('/admin/session').send({ password }).expect(429);
    assert.match(res.body.error.message, /Wait \d+ minutes/);
  });

  it('lets the operator see every workspace and switch between them', async () => {
    const operator = await signIn(relay, { password });
    assert.deepEqual(operator.body.workspaces, [{ id: 'default', name: 'Default workspace' }, { id: 'acme', name: 'Acme' }]);
    await request(relay.app).put('/admin/session/workspace').set('cookie', operator.cookie).set('x-csrf-token', operator.csrf).send({ workspace_id: 'acme' }).expect(200);
    const me = await request(relay.app).get('/admin/api/v1/me').set('cookie', operator.cookie).expect(200);
    assert.equal(me.body.workspace.id, 'acme');
  });

  it('does not let a workspace session switch to another workspace', async () => {
    const session = await signIn(relay, { api_key: apiKey });
    const res = await request(relay.app).put('/admin/session/workspace').set('cookie', session.cookie).set('x-csrf-token', session.csrf).send({ workspace_id: 'acme' }).expect(403);
    assert.match(res.body.error.message, /operator/);
  });

  it('turns operator sign-in off when ADMIN_PASSWORD is not set', async () => {
    const plain = createTestRelay();
    const res = await request(plain.app).post('/admin/session').send({ password }).expect(401);
    assert.match(res.body.error.message, /ADMIN_PASSWORD/);
    assert.deepEqual((await request(plain.app).get('/admin/session').expect(200)).body, { signed_in: false, operator_sign_in: false });
  });

  it('reaches the admin API as the signed-in workspace without an API key', async () => {
    const session = await signIn(relay, { api_key: otherKey });
    const me = await request(relay.app).get('/admin/api/v1/me').set('cookie', session.cookie).expect(200);
    assert.equal(me.body.workspace.id, 'acme');
  });

  it('answers 401 to the console API without a session', async () => {
    const res = await request(relay.app).get('/admin/api/v1/me').expect(401);
    assert.match(res.body.error.message, /Sign in again at \/admin/);
  });

  it('refuses a state-changing call without the CSRF token', async () => {
    const session = await signIn(relay, { api_key: apiKey });
    const res = await request(relay.app).post('/admin/api/v1/sync').set('cookie', session.cookie).expect(403);
    assert.match(res.body.error.message, /Reload the page/);
    assert.deepEqual(relay.worker.syncNows, []);
  });

  it('accepts a state-changing call with the CSRF token', async () => {
    const session = await signIn(relay, { api_key: apiKey });
    await request(relay.app).post('/admin/api/v1/sync').set('cookie', session.cookie).set('x-csrf-token', session.csrf).expect(200);
    assert.deepEqual(relay.worker.syncNows, ['default']);
  });

  it('refuses a state-changing call sent from another site, token or not', async () => {
    const session = await signIn(relay, { api_key: apiKey });
    await request(relay.app).post('/admin/api/v1/sync').set('cookie', session.cookie).set('x-csrf-token', session.csrf).set('origin', 'https://evil.example').expect(403);
    await request(relay.app).post('/admin/session').set('sec-fetch-site', 'cross-site').send({ api_key: apiKey }).expect(403);
    assert.deepEqual(relay.worker.syncNows, []);
  });

  it('ends the session when its API key is revoked', async () => {
    const session = await signIn(relay, { api_key: apiKey });
    const workspace = await relay.stores.config.getWorkspace('default');
    assert.ok(workspace);
    await relay.stores.config.saveWorkspace({ ...workspace, api_keys: [] });
    await request(relay.app).get('/admin/api/v1/me').set('cookie', session.cookie).expect(401);
  });

  it('ends the session on sign-out', async () => {
    const session = await signIn(relay, { api_key: apiKey });
    const out = await request(relay.app).delete('/admin/session').set('cookie', session.cookie).set('x-csrf-token', session.csrf).expect(204);
    assert.match(cookieHeader(out), /Max-Age=0/);
    await request(relay.app).get('/admin/api/v1/me').set('cookie', session.cookie).expect(401);
  });

  it('saves a private app token encrypted and never answers it back', async () => {
    const session = await signIn(relay, { api_key: apiKey });
    const token = 'pat-na1-11111111-2222-3333-4444-555555555555';
    const res = await request(relay.app)
      .put('/admin/api/console/connection/private-app')
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrf)
      .send({ provider: 'hubspot', access_token: token })
      .expect(200);
    assert.deepEqual(res.body, { provider: 'hubspot', auth: 'private_app' });
    const stored = await relay.stores.config.getWorkspace('default');
    assert.ok(stored?.crm_connection && !stored.crm_connection.includes(token), 'stored sealed');
    const view = await request(relay.app).get('/admin/api/console/connection').set('cookie', session.cookie).expect(200);
    assert.ok(!view.text.includes(token));
  });
});

describe('admin console pages', () => {
  it('serves the console with a strict Content-Security-Policy and no framing', async () => {
    const relay = createTestRelay();
    const res = await request(relay.app).get('/admin/settings/crm/field-mapping').expect(200);
    assert.match(res.headers['content-type'] ?? '', /text\/html/);
    const csp = String(res.headers['content-security-policy']);
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"]) assert.ok(csp.includes(directive), directive);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.doesNotMatch(res.text, /<script>(?!<\/script>)/, 'no inline script');
    assert.match(res.text, /<script type="module" crossorigin src="\/admin\/assets\/index-[\w-]+\.js"><\/script>/);
  });

  it('serves the built assets with long-lived caching', async () => {
    const relay = createTestRelay();
    const page = await request(relay.app).get('/admin').expect(200);
    const script = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    assert.ok(script);
    const res = await request(relay.app).get(script).expect(200);
    assert.match(String(res.headers['cache-control']), /max-age=31536000, immutable/);
  });
});
