import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { benchLead } from '../../bench/support/leads';
import { postSigned, sendLeadLives } from '../../bench/support/harness-events';
import { startHarnessRelay, type HarnessRelay } from '../../bench/support/relay-harness';

interface Operation {
  method: string;
  path: string;
}

/** Every API-key route of the relay, from its own OpenAPI document (so a new route is covered the day it is added). */
function adminOperations(): Operation[] {
  const document = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as {
    paths: Record<string, Record<string, { security?: Array<Record<string, unknown>> }>>;
  };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method, operation]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method) && (operation.security ?? []).some((scheme) => 'apiKey' in scheme))
      .map(([method]) => ({ method: method.toUpperCase(), path })),
  );
}

/** Bodies for the routes that take one: valid where it matters for the attempt to reach the other workspace's data. */
const bodies: Record<string, unknown> = {
  'PATCH /v1/leads/{leadId}': { qualification_status: 'won', name: 'Taken Over' },
  'POST /v1/deals': { lead_id: 'lead_bench_700', amount: 1 },
  'POST /v1/review/{leadId}': { resolution: 'merge' },
  'POST /v1/hooks': { target_url: 'http://127.0.0.1:9/alpha', event: 'lead.synced' },
  'PATCH /v1/settings': { default_phone_region: 'US' },
  'PUT /v1/settings': {},
  'POST /v1/leads': {},
  'POST /v1/crm/properties': {},
};

/**
 * Isolation (issue 7 §3): workspace "alpha"'s API key, on every admin route, with the ids of workspace "bravo"'s
 * leads, events and hooks. Nothing of bravo may appear in any answer, and nothing of bravo may change.
 */
describe('reliability: one workspace cannot reach another', function () {
  this.timeout(60_000);
  let relay: HarnessRelay;
  let alpha: { apiKey: string; webhookSecret: string };
  let bravo: { apiKey: string; webhookSecret: string };
  let bravoHookId = '';
  let bravoEventId = '';
  const answers: Array<{ operation: string; status: number; text: string }> = [];
  const bravoLeads = [700, 701, 702];
  /** Strings only bravo's data contains. */
  const bravoMarkers = () => ['bravo', bravoHookId, bravoEventId, '127.0.0.1:9/bravo', ...bravoLeads.flatMap((n) => [`lead_bench_${n}`, benchLead(n, 'new').email, benchLead(n, 'new').name])];
  const as = (apiKey: string, method = 'GET', body?: unknown): RequestInit => ({
    method,
    headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const bravoState = async () => ({
    settings: (await relay.request('/v1/settings', as(bravo.apiKey))).text,
    lead: (await relay.request('/v1/leads/lead_bench_700', as(bravo.apiKey))).text,
    hooks: (await relay.request('/v1/hooks', as(bravo.apiKey))).text,
    queue: JSON.stringify(await relay.stores.events.countByStatus('bravo')),
    deals: relay.sandbox.inspect().records.hubspot.deals,
  });
  let bravoBefore: Awaited<ReturnType<typeof bravoState>>;

  before(async () => {
    // Hook targets on loopback (nothing listens there: no delivery is needed, only the subscription).
    relay = await startHarnessRelay({ allowPrivateHookTargets: true });
    alpha = await relay.addWorkspace('alpha', 'hubspot', { sync_mode: { mode: 'manual' } });
    bravo = await relay.addWorkspace('bravo', 'hubspot', { sync_mode: { mode: 'manual' }, default_phone_region: 'NZ' });
    await sendLeadLives(relay, 'alpha', alpha.webhookSecret, [800, 801], 'alpha');
    const bravoIds = await sendLeadLives(relay, 'bravo', bravo.webhookSecret, bravoLeads, 'bravo');
    assert.equal((await relay.request('/v1/sync', as(alpha.apiKey, 'POST'))).status, 200);
    assert.equal((await relay.request('/v1/sync', as(bravo.apiKey, 'POST'))).status, 200);
    // Left pending on purpose: alpha's Sync Now must not run them.
    await sendLeadLives(relay, 'bravo', bravo.webhookSecret, [703], 'bravo-pending');
    bravoEventId = bravoIds[0] ?? '';
    const hook = await relay.request('/v1/hooks', as(bravo.apiKey, 'POST', { target_url: 'http://127.0.0.1:9/bravo', event: 'lead.synced' }));
    bravoHookId = String((JSON.parse(hook.text) as { id?: string }).id ?? '');
    assert.ok(bravoHookId, `bravo has a hook: ${hook.text}`);
    bravoBefore = await bravoState();

    const ids: Record<string, string> = { leadId: 'lead_bench_700', eventId: bravoEventId, hookId: bravoHookId, deliveryId: 'dlv_unknown', pipelineId: 'default', provider: 'hubspot' };
    for (const { method, path } of adminOperations()) {
      const concrete = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(ids[name] ?? name));
      const body = bodies[`${method} ${path}`];
      const res = await relay.request(`${concrete}${method === 'GET' && path === '/v1/crm/properties' ? '?object=contact' : ''}`, as(alpha.apiKey, method, body));
      // An error may repeat the id the caller sent ("no lead X"): that is the caller's own input, not a leak.
      const sent = [...Object.values(ids).filter((id) => path.includes('{') && concrete.includes(encodeURIComponent(id))), ...(body && typeof body === 'object' ? Object.values(body).map(String) : [])];
      answers.push({ operation: `${method} ${path}`, status: res.status, text: sent.reduce((text, id) => text.split(id).join('<sent>'), res.text) });
    }
  });
  after(async () => {
    await relay.close();
  });

  it('calls every admin route of the OpenAPI document', () => {
    assert.ok(answers.length >= 25, `${answers.length} routes`);
  });

  it('refuses every route that names one of the other workspace\'s records', () => {
    const named = answers.filter((a) => /\{(leadId|eventId|hookId|deliveryId)\}/.test(a.operation));
    assert.ok(named.length >= 6);
    assert.deepEqual(named.filter((a) => a.status !== 404).map((a) => `${a.operation}: ${a.status} ${a.text.slice(0, 120)}`), []);
  });

  it('shows nothing of the other workspace in any answer', () => {
    const markers = bravoMarkers();
    const leaks = answers.flatMap((a) => markers.filter((marker) => marker && a.text.includes(marker)).map((marker) => `${a.operation} shows ${marker}`));
    assert.deepEqual(leaks, []);
    // The lists are not empty: they show alpha's own leads and events.
    for (const list of ['GET /v1/leads', 'GET /v1/events', 'GET /v1/sync-log']) assert.ok(answers.find((a) => a.operation === list)?.text.includes('lead_bench_800'), `${list} lists alpha's data`);
  });

  it('changes nothing of the other workspace', async () => {
    assert.deepEqual(await bravoState(), bravoBefore);
  });

  it('refuses an event for the other workspace signed with this workspace\'s secret', async () => {
    const res = await postSigned(relay, 'bravo', alpha.webhookSecret, 'evt_cross_1', JSON.stringify({ id: 'evt_cross_1' }));
    assert.equal(res.status, 401);
    assert.equal((JSON.parse(res.text) as { error: { code: string } }).error.code, 'signature.invalid');
    assert.equal(await relay.stores.events.get('bravo', 'evt_cross_1'), undefined);
  });
});
