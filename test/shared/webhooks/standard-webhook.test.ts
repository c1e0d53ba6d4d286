import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { SyncError } from '../../../shared/src/errors';
import { StandardWebhook } from '../../../shared/src/webhooks/standard-webhook';

interface Vector {
  name: string;
  secret: string;
  id: string;
  timestamp: number;
  payload: string;
  signature: string;
}

const vectorDir = new URL('../../fixtures/webhooks/', import.meta.url);
const vectors: Vector[] = readdirSync(vectorDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(new URL(file, vectorDir), 'utf8')) as Vector);

const atSeconds = (seconds: number) => ({ now: () => seconds * 1000 });
const headersOf = (v: Pick<Vector, 'id' | 'timestamp' | 'signature'>) => ({
  'webhook-id': v.id,
  'webhook-timestamp': String(v.timestamp),
  'webhook-signature': v.signature,
});

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof SyncError);
    return error.code;
  }
  assert.fail('expected a SyncError');
};

describe('StandardWebhook', () => {
  it('has test vectors to check against', () => {
    assert.ok(vectors.length >= 3);
  });

  for (const vector of vectors) {
    it(`signs the "${vector.name}" vector exactly as the official library does`, () => {
      assert.equal(new StandardWebhook(vector.secret).sign(vector.id, vector.timestamp, vector.payload), vector.signature);
    });

    it(`verifies the "${vector.name}" vector and returns its webhook-id`, () => {
      const webhook = new StandardWebhook(vector.secret, { clock: atSeconds(vector.timestamp) });
      assert.equal(webhook.verify(Buffer.from(vector.payload, 'utf8'), headersOf(vector)), vector.id);
    });
  }

  const [vector] = vectors as [Vector];
  const otherSecret = 'whsec_aW5zZWN1cmUtdGVzdC1vbmx5LXNlY29uZC1zZWNyZXQ=';

  it('accepts a signature made with any of the secrets (rotation)', () => {
    const webhook = new StandardWebhook([otherSecret, vector.secret], { clock: atSeconds(vector.timestamp) });
    assert.equal(webhook.verify(vector.payload, headersOf(vector)), vector.id);
  });

  it('accepts a header listing several signatures when one matches', () => {
    const webhook = new StandardWebhook(vector.secret, { clock: atSeconds(vector.timestamp) });
    const signature = `v1,bm90IGl0 v2,ignored ${vector.signature}`;
    assert.equal(webhook.verify(vector.payload, headersOf({ ...vector, signature })), vector.id);
  });

  it('signs with the first secret only', () => {
    const webhook = new StandardWebhook([otherSecret, vector.secret]);
    assert.notEqual(webhook.sign(vector.id, vector.timestamp, vector.payload), vector.signature);
  });

  it('makes headers that it verifies, stamped with the clock', () => {
    const clock = atSeconds(1_800_000_000);
    const webhook = new StandardWebhook(vector.secret, { clock });
    const headers = webhook.headers('msg_1', '{"a":1}');
    assert.equal(headers['webhook-timestamp'], '1800000000');
    assert.equal(webhook.verify('{"a":1}', headers), 'msg_1');
  });

  const failures: Array<{ name: string; code: string; run: () => unknown }> = [
    { name: 'a missing webhook-signature header', code: 'signature.missing', run: () => new StandardWebhook(vector.secret, { clock: atSeconds(vector.timestamp) }).verify(vector.payload, { 'webhook-id': vector.id, 'webhook-timestamp': String(vector.timestamp) }) },
    { name: 'a changed body', code: 'signature.invalid', run: () => new StandardWebhook(vector.secret, { clock: atSeconds(vector.timestamp) }).verify(`${vector.payload} `, headersOf(vector)) },
    { name: 'another secret', code: 'signature.invalid', run: () => new StandardWebhook(otherSecret, { clock: atSeconds(vector.timestamp) }).verify(vector.payload, headersOf(vector)) },
    { name: 'a non-numeric timestamp', code: 'signature.invalid', run: () => new StandardWebhook(vector.secret, { clock: atSeconds(vector.timestamp) }).verify(vector.payload, { ...headersOf(vector), 'webhook-timestamp': 'soon' }) },
    { name: 'a timestamp 301 seconds old', code: 'signature.timestamp_out_of_range', run: () => new StandardWebhook(vector.secret, { clock: atSeconds(vector.timestamp + 301) }).verify(vector.payload, headersOf(vector)) },
    { name: 'a timestamp 301 seconds ahead', code: 'signature.timestamp_out_of_range', run: () => new StandardWebhook(vector.secret, { clock: atSeconds(vector.timestamp - 301) }).verify(vector.payload, headersOf(vector)) },
  ];
  for (const { name, code, run } of failures) {
    it(`rejects ${name} with ${code}`, () => {
      assert.equal(codeOf(run), code);
    });
  }

  it('accepts a timestamp exactly 300 seconds old', () => {
    const webhook = new StandardWebhook(vector.secret, { clock: atSeconds(vector.timestamp + 300) });
    assert.equal(webhook.verify(vector.payload, headersOf(vector)), vector.id);
  });

  it('refuses a secret that is not base64', () => {
    assert.throws(() => new StandardWebhook('whsec_not base64!'), /whsec_/);
  });
});
