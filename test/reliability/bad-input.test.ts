import assert from 'node:assert/strict';
import { buildCorpus, type CorpusRequest } from './support/bad-input-corpus';
import { postSigned } from '../../bench/support/harness-events';
import { startHarnessRelay, type HarnessRelay } from '../../bench/support/relay-harness';
import { rawBenchEvent } from '../../bench/support/leads';

interface Answer {
  request: CorpusRequest;
  status: number;
  contentType: string;
  body: { id?: string; status?: string; error?: { code?: string; message?: string; details?: unknown } } | null;
}

/**
 * Bad input (issue 7 §3): over a thousand hostile or broken webhook requests. None may cause a 5xx, every refusal
 * is a JSON error whose code names the problem, nothing refused is stored, and the relay still works afterwards.
 */
describe('reliability: a corpus of bad webhook requests', function () {
  this.timeout(60_000);
  let relay: HarnessRelay;
  let answers: Answer[] = [];
  const workspaceId = 'target';
  let secret = '';

  before(async () => {
    relay = await startHarnessRelay();
    const made = await relay.addWorkspace(workspaceId, 'hubspot', { sync_mode: { mode: 'manual' } });
    secret = made.webhookSecret;
    const corpus = buildCorpus({ workspaceId, secret, run: 'bad' });
    answers = [];
    for (const request of corpus) {
      const res = await relay.request(`/v1/workspaces/${request.workspaceId}/webhooks/synaptiq`, { method: 'POST', headers: request.headers, body: request.body });
      let body: Answer['body'] = null;
      try {
        body = JSON.parse(res.text) as Answer['body'];
      } catch {
        body = null;
      }
      answers.push({ request, status: res.status, contentType: res.headers.get('content-type') ?? '', body });
    }
  });
  after(async () => {
    await relay.close();
  });

  const describeAnswer = (a: Answer) => `${a.request.category} / ${a.request.name}: ${a.status} ${JSON.stringify(a.body)?.slice(0, 200)}`;

  it('holds at least 1,000 requests', () => {
    assert.ok(answers.length >= 1000, `${answers.length} requests`);
  });

  it('never answers a 5xx', () => {
    assert.deepEqual(answers.filter((a) => a.status >= 500).map(describeAnswer), []);
  });

  it('answers every refusal with a JSON error whose code names the problem', () => {
    const wrong = answers.filter((a) => a.request.expect instanceof RegExp || (a.request.expect === 'refused-or-accepted' && a.status >= 400)).filter((a) => {
      const code = a.body?.error?.code ?? '';
      // Odd text refused: by the schema, or by the signature check when the HTTP client trimmed a header value.
      const expected = a.request.expect instanceof RegExp ? a.request.expect : /^(request|signature)\./;
      return a.status < 400 || !a.contentType.startsWith('application/json') || !expected.test(code) || !(a.body?.error?.message ?? '').trim();
    });
    assert.deepEqual(wrong.map(describeAnswer), []);
  });

  it('names the offending field or header in the error', () => {
    const unnamed = answers.filter((a) => a.request.names && !JSON.stringify(a.body?.error ?? {}).includes(a.request.names));
    assert.deepEqual(unnamed.map(describeAnswer), []);
  });

  it('acknowledges a replayed id without storing it again', () => {
    const replays = answers.filter((a) => a.request.category === 'replay');
    assert.deepEqual(replays.map((a) => `${a.status} ${a.body?.status}`), replays.map((a) => (a.request.expect === 'accepted' ? '202 accepted' : '202 duplicate')));
  });

  it('stores exactly the events it accepted, and nothing it refused', async () => {
    const accepted = new Set(answers.filter((a) => a.status === 202 && a.body?.status === 'accepted').map((a) => a.body?.id));
    const stored = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = await relay.stores.events.list(workspaceId, {}, { limit: 500, cursor });
      for (const event of page.items) stored.add(event.event_id);
      cursor = page.next_cursor;
    } while (cursor);
    assert.deepEqual([...stored].sort(), [...accepted].sort());
    const refusedButStored = answers.filter((a) => a.status >= 400 && a.body?.id && stored.has(a.body.id));
    assert.deepEqual(refusedButStored.map(describeAnswer), []);
  });

  it('stores odd but valid text verbatim', async () => {
    const nasty = answers.find((a) => a.request.category === 'injection' && a.request.name.startsWith('data.lead.name') && a.status === 202);
    assert.ok(nasty?.body?.id, 'an injection string in the lead name was accepted');
    const stored = await relay.stores.events.get(workspaceId, nasty.body.id);
    assert.equal(JSON.stringify((stored?.payload as { data: { lead: { name: string } } }).data.lead.name), JSON.stringify((JSON.parse(nasty.request.body) as { data: { lead: { name: string } } }).data.lead.name));
  });

  it('is healthy afterwards and accepts the next good event', async () => {
    assert.equal((await relay.request('/health')).status, 200);
    assert.equal((await relay.request('/ready')).status, 200);
    const event = rawBenchEvent(99_999, 'lead.created', 'after-corpus');
    const res = await postSigned(relay, workspaceId, secret, String(event.id), JSON.stringify(event));
    assert.equal(res.status, 202, res.text);
  });
});
