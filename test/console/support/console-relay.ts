import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { StandardWebhook } from '../../../shared/src/webhooks/standard-webhook';
import { startRelay } from '../../../relay/src/server';
import type { RunningRelay } from '../../../relay/src/server';
import { newWorkspace } from '../../../relay/src/services/new-workspace';
import { createSecretBox } from '../../../relay/src/crypto';
import { silentPino, testEnv } from '../../relay/support/relay-env';

export const operatorPassword = 'operator-password-for-console-tests';
const encryptionKey = Buffer.alloc(32, 9).toString('base64');

/** A free loopback port: the OAuth redirect address must be known before the relay starts. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

export interface ConsoleRelay {
  relay: RunningRelay;
  url: string;
  apiKey: string;
  webhookSecret: string;
  /** A second workspace, "acme", with its own key and secret. */
  acme: { apiKey: string; webhookSecret: string };
}

/** The whole relay as `npm start` runs it (sandbox CRM in process, worker, console), on a temporary data dir. */
export async function startConsoleRelay(): Promise<ConsoleRelay> {
  const port = await freePort();
  const relay = await startRelay(
    testEnv({ PORT: port, ADMIN_PASSWORD: operatorPassword, ENCRYPTION_KEY: encryptionKey, OAUTH_REDIRECT_BASE_URL: `http://127.0.0.1:${port}` }),
    { logger: silentPino() },
  );
  const { apiKey, webhookSecret } = relay.defaultWorkspace.generated;
  if (!apiKey || !webhookSecret) throw new Error('the default workspace should have generated credentials');
  const acme = newWorkspace({ id: 'acme', name: 'Acme Agency Client', at: new Date().toISOString() }, createSecretBox(encryptionKey));
  await relay.stores.config.saveWorkspace(acme.workspace);
  return { relay, url: relay.url, apiKey, webhookSecret, acme: { apiKey: acme.apiKey, webhookSecret: acme.webhookSecret } };
}

export interface TestLead {
  id: string;
  name: string;
  email: string;
  company?: { name: string };
}

export const testLead = (name: string, email: string, company = 'Analytical Engines Ltd'): TestLead => ({
  id: `lead_${randomUUID().slice(0, 8)}`,
  name,
  email,
  company: { name: company },
});

/** Sends a signed lead.created webhook, as Synaptiq does (Standard Webhooks). */
export async function sendLeadCreated(url: string, workspaceId: string, secret: string, lead: TestLead): Promise<string> {
  const id = `evt_${randomUUID()}`;
  const body = JSON.stringify({ id, type: 'lead.created', created_at: new Date().toISOString(), data: { lead } });
  const response = await fetch(`${url}/v1/workspaces/${workspaceId}/webhooks/synaptiq`, {
    method: 'POST',
    headers: { ...new StandardWebhook(secret).headers(id, body), 'content-type': 'application/json' },
    body,
  });
  if (response.status !== 202) throw new Error(`the webhook was refused: ${response.status} ${await response.text()}`);
  return id;
}
