import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../relay/src/logger';

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
});
