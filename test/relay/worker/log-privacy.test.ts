import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import request from 'supertest';
import { defaultWorkspaceSettings, systemClock, type SynaptiqEvent } from '@synaptiq/shared';
import { createApp } from '../../../relay/src/app';
import { createCrmFactory } from '../../../relay/src/crm/crm-factory';
import { createSecretBox } from '../../../relay/src/crypto';
import { createLogger } from '../../../relay/src/logger';
import { realAdapterBuilders } from '../../../relay/src/services/crm-adapters';
import { newWorkspace } from '../../../relay/src/services/new-workspace';
import { createMemoryStores } from '../../../relay/src/stores';
import { createWorker } from '../../../relay/src/worker';
import { bearer, signedHeaders } from '../support/test-relay';

/** Values no log line may carry: the lead's, and every credential in play. */
const lead = {
  id: 'lead_privacy_1',
  name: 'Zebulon Quarterfield',
  first_name: 'Zebulon',
  last_name: 'Quarterfield',
  email: 'zebulon.q7731@quarterfield-mail.test',
  phone: '+44 7700 900123',
  company: { name: 'Quarterfield Widgets' },
};
const crmToken = `pat-na1-${randomBytes(16).toString('hex')}`;

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * A HubSpot that refuses every write and search, quoting back what it got (the request body, the lead's
 * name, email and phone, and the token it was called with), as its validation errors do with values.
 */
async function echoingHubspot(): Promise<{ url: string; answers: string[]; server: Server }> {
  const answers: string[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/account-info/v3/details')) {
        res.end(JSON.stringify({ portalId: 1234, uiDomain: 'app.hubspot.com' }));
        return;
      }
      const said = `Property values were not valid: contact ${lead.name} <${lead.email}> phone ${lead.phone}, sent ${body} with ${req.headers.authorization ?? ''}`;
      const answer = JSON.stringify({
        status: 'error',
        message: said,
        correlationId: 'f0e1d2c3-0000-4000-8000-000000000000',
        category: 'VALIDATION_ERROR',
        errors: [{ message: said, error: 'INVALID_EMAIL', name: 'email', context: { value: [lead.email] } }],
      });
      answers.push(answer);
      res.statusCode = 400;
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, answers, server };
}

describe('what the relay logs when a CRM error quotes the lead back', () => {
  let hubspot: Awaited<ReturnType<typeof echoingHubspot>>;
  before(async () => {
    hubspot = await echoingHubspot();
  });
  after(async () => {
    hubspot.server.closeAllConnections();
    await new Promise<void>((resolve) => hubspot.server.close(() => resolve()));
  });

  it('logs the failed sync with ids and the error code, and none of the lead\'s values or any credential', async () => {
    const lines: string[] = [];
    const logger = createLogger(
      { LOG_LEVEL: 'debug' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString('utf8'));
          done();
        },
      }),
    );
    const stores = createMemoryStores();
    const secrets = createSecretBox(randomBytes(32));
    const factory = createCrmFactory({
      config: stores.config,
      secrets: { seal: (plain) => secrets.encrypt(plain), open: (sealed) => secrets.decrypt(sealed) },
      build: realAdapterBuilders({ clock: systemClock, logger, oauth: {}, sandboxUrl: null }),
      sandbox: null,
      logger,
    });
    const worker = createWorker({ stores, crmFor: (workspace) => factory.crmFor(workspace), clock: systemClock, logger });
    worker.start();
    const app = createApp({ stores, secrets, crmFor: (workspace) => factory.crmFor(workspace), worker, clock: systemClock, logger });
    const made = newWorkspace({ id: 'acme', name: 'Acme', at: new Date().toISOString(), settings: { crm: 'hubspot', deal_creation: { ...defaultWorkspaceSettings().deal_creation, enabled: false } } }, secrets);
    const connection = { provider: 'hubspot', auth: 'private_app', access_token: crmToken, base_url: hubspot.url };
    await stores.config.saveWorkspace({ ...made.workspace, crm_connection: secrets.encrypt(JSON.stringify(connection)) });

    const event: SynaptiqEvent = { id: 'evt_privacy_1', type: 'lead.created', created_at: new Date().toISOString(), data: { lead } };
    const body = JSON.stringify(event);
    await request(app).post('/v1/workspaces/acme/webhooks/synaptiq').set(signedHeaders(made.webhookSecret, event.id, body, systemClock)).send(body).expect(202);
    const synced = await request(app).post('/v1/sync').set('authorization', bearer(made.apiKey)).expect(200);
    await worker.stop();

    assert.equal((synced.body as { failed: number }).failed, 1, 'the sync failed');
    assert.ok(hubspot.answers.some((answer) => answer.includes(lead.email) && answer.includes(crmToken)), 'the CRM did quote the lead and the token back');
    const log = lines.join('');
    const failure = lines.map((line) => JSON.parse(line) as { msg: string; error?: { code: string } }).find((line) => line.msg === 'sync batch failed');
    assert.equal(failure?.error?.code, 'crm.validation', `the failure is logged with its code: ${log}`);
    const forbidden = [lead.name, lead.first_name, lead.last_name, lead.email, lead.phone, '7700 900123', lead.company.name, made.apiKey, made.webhookSecret, crmToken];
    for (const value of forbidden) assert.ok(!log.includes(value), `"${value}" was logged:\n${log}`);
    assert.ok(log.includes(event.id), 'the event id is logged');
  });
});
