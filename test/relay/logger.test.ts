import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { SyncError } from '@synaptiq/shared';
import { createLogger, errorFields, scrubText } from '../../relay/src/logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger({ LOG_LEVEL: 'info' }, stream), text: () => lines.join('') };
}

describe('relay logger', () => {
  it('blanks credentials and lead PII wherever a log line carries them', () => {
    const { logger, text } = capture();
    logger.info(
      {
        authorization: 'Bearer sk_live_secret',
        headers: { authorization: 'Bearer sk_live_secret', 'webhook-signature': 'v1,c2lnbmF0dXJl' },
        connection: { access_token: 'pat-na1-token', refresh_token: 'refresh-token' },
        subscription: { secret: 'whsec_abc' },
        lead: { email: 'ada@analytical.example', phone: '+44 20 7946 0958', name: 'Ada Lovelace' },
        lead_id: 'lead_1',
      },
      'something happened',
    );
    const line = text();
    for (const secret of ['sk_live_secret', 'c2lnbmF0dXJl', 'pat-na1-token', 'refresh-token', 'whsec_abc', 'ada@analytical.example', '7946', 'Lovelace']) {
      assert.ok(!line.includes(secret), `${secret} leaked: ${line}`);
    }
    assert.ok(line.includes('lead_1'), 'ids stay');
  });

  it('logs an error as its code, scrubbed message and details minus values, never its cause', () => {
    const { logger, text } = capture();
    const cause = new Error('HTTP-Code: 400 Body: {"message":"Email ada@analytical.example is invalid"}');
    const error = new SyncError('crm.validation', 'Property values were not valid: "Ada Lovelace" (ada@analytical.example)', {
      cause,
      details: { status: 400, correlationId: 'f0e1d2c3-0000-4000-8000-000000000000', properties: ['email'], value: 'Ada Lovelace', more: [{ message: 'Lovelace' }] },
    });
    logger.error({ workspace_id: 'acme', error }, 'sync batch failed');
    const line = JSON.parse(text()) as { error: unknown };
    assert.deepEqual(line.error, {
      code: 'crm.validation',
      message: 'Property values were not valid: "[value]" ([email])',
      details: { status: 400, correlationId: 'f0e1d2c3-0000-4000-8000-000000000000', properties: ['email'] },
    });
  });

  it('scrubs errors logged as text or under err, and the message itself', () => {
    const { logger, text } = capture();
    logger.warn({ error: 'Error: refused ada@analytical.example with Bearer pat-na1-abc123def456' }, 'hook delivery round failed');
    logger.error({ err: new TypeError('cannot read "Ada Lovelace"') }, 'request failed for ada@analytical.example');
    const line = text();
    for (const leaked of ['ada@analytical.example', 'pat-na1-abc123def456', 'Lovelace', 'stack']) assert.ok(!line.includes(leaked), `${leaked} leaked: ${line}`);
    assert.match(line, /"err":\{"code":"internal","message":"TypeError: cannot read \\"\[value\]\\""\}/);
  });

  it('takes out the exact values it is given, whatever their shape', () => {
    assert.equal(scrubText('contact Ada Lovelace refused', ['Ada Lovelace']), 'contact [lead value] refused');
    assert.equal(errorFields(new SyncError('crm.validation', 'ADA LOVELACE is taken'), ['Ada Lovelace']).message, '[lead value] is taken');
  });

  const scrubbed: Array<[string, string, string]> = [
    ['an email', 'sent to ada.l+crm@analytical.example today', 'sent to [email] today'],
    ['an international phone number', 'call +44 20 7946 0958 now', 'call [phone] now'],
    ['a local phone number', 'call (415) 555-0199', 'call [phone]'],
    ['a bearer token', 'Authorization: Bearer abc.def.ghi', 'Authorization: Bearer [secret]'],
    ['an API key', 'key sk_Zm9vYmFyYmF6cXV4', 'key [secret]'],
    ['a webhook secret', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', '[secret]'],
    ['a HubSpot private app token', 'pat-na1-11111111-2222-3333-4444-555555555555', '[secret]'],
    ['a Salesforce session id', '00D5g000004SandA!AQ4AQFakeSessionToken.value', '[secret]'],
    ['a long opaque token', 'token CJSP5qf1KhICAQEYu8mXASDq8pMBKOaRAjIU7w0aBcDeFgHiJkLm', 'token [secret]'],
    ['quoted values, JSON-escaped too', 'invalid: {\\"email\\":\\"x\\"} and "Ada"', 'invalid: {"[value]":"[value]"} and "[value]"'],
  ];
  for (const [what, input, expected] of scrubbed) {
    it(`scrubs ${what} from free text`, () => assert.equal(scrubText(input), expected));
  }

  const kept = [
    'f0e1d2c3-0000-4000-8000-000000000000',
    '2026-11-24T15:00:00.000Z',
    'lead_01HZX3ABCDEF',
    '/v1/workspaces/acme/webhooks/synaptiq',
    '127.0.0.1:3900',
    'HubSpot answered HTTP 400',
  ];
  for (const text of kept) {
    it(`keeps ${text} as it is`, () => assert.equal(scrubText(text), text));
  }
});
