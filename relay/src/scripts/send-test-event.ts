import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { StandardWebhook } from '@synaptiq/shared/webhooks/standard-webhook';
import { ConfigError, loadConfig } from '../config';
import type { RelayEnv } from '../config';
import { createSecretBox } from '../crypto';
import { configFileName } from '../stores/lowdb-config-store';
import { encryptionKeyFileName } from '../services/encryption-key';
import { workspaceSchema } from '@synaptiq/shared';

/**
 * `npm run send-test-event [-- <workspace id>]`: signs and sends a realistic conversation's events to the
 * local relay (lead.created → lead.qualified → conversation.completed → meeting.booked), then shows the lead.
 * The webhook secret is WEBHOOK_SECRET, or read from the relay's data dir (decrypted with its key).
 */

const workspaceId = process.argv[2] ?? 'default';

function webhookSecret(env: RelayEnv): string {
  if (env.WEBHOOK_SECRET) return env.WEBHOOK_SECRET;
  const dataDir = resolve(env.DATA_DIR);
  const read = (file: string, hint: string) => {
    try {
      return readFileSync(join(dataDir, file), 'utf8');
    } catch {
      throw new Error(`${join(dataDir, file)} is missing: ${hint}`);
    }
  };
  const config = JSON.parse(read(configFileName, 'start the relay once (npm start), or set WEBHOOK_SECRET')) as { workspaces?: unknown[] };
  const workspace = (config.workspaces ?? []).map((raw) => workspaceSchema.safeParse(raw)).find((parsed) => parsed.success && parsed.data.id === workspaceId);
  if (!workspace?.success) throw new Error(`The relay has no workspace "${workspaceId}".`);
  const key = env.ENCRYPTION_KEY ?? read(encryptionKeyFileName, 'set ENCRYPTION_KEY to the key the relay uses').trim();
  return createSecretBox(key).decrypt(workspace.data.webhook_secrets[0] as string);
}

function conversation(now: Date) {
  const run = randomUUID().slice(0, 8);
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
  const lead = {
    id: `lead_test_${run}`,
    name: 'Ada Lovelace',
    first_name: 'Ada',
    last_name: 'Lovelace',
    email: 'ada@analytical.example',
    phone: '+44 20 7946 0958',
    title: 'CTO',
    // No industry: HubSpot's industry is a fixed list (COMPUTER_SOFTWARE, …) and Salesforce's a picklist.
    company: { name: 'Analytical Engines Ltd', domain: 'analytical.example', size: '51-200' },
    qualification_status: 'new',
    score: 42,
    source: 'website_chat',
    pain_points: ['manual data entry', 'slow follow-up'],
    estimated_value: 24000,
  };
  const qualified = { ...lead, qualification_status: 'qualified', score: 87 };
  const event = (suffix: string, type: string, minutes: number, data: object) => ({ id: `evt_test_${run}_${suffix}`, type, created_at: at(minutes), account_id: 'acc_test', data });
  return [
    event('1', 'lead.created', -14, { lead }),
    event('2', 'lead.qualified', -2, { lead: qualified }),
    event('3', 'conversation.completed', -1, {
      lead: qualified,
      conversation: {
        id: `conv_test_${run}`,
        channel: 'web_chat',
        started_at: at(-15),
        ended_at: at(-1),
        summary: 'Evaluating tools to cut manual CRM entry; wants a demo next week.',
        transcript: [
          { role: 'agent', text: 'Hi! What brings you here today?', at: at(-15) },
          { role: 'lead', text: 'We lose leads between chat and CRM.', at: at(-14) },
        ],
      },
    }),
    event('4', 'meeting.booked', 0, {
      lead: qualified,
      meeting: {
        id: `mtg_test_${run}`,
        provider: 'calcom',
        title: 'Synaptiq demo with Ada Lovelace',
        starts_at: at(7 * 24 * 60),
        ends_at: at(7 * 24 * 60 + 30),
        timezone: 'Europe/London',
        location: 'https://cal.example/meet/abc',
        attendees: [{ name: 'Ada Lovelace', email: 'ada@analytical.example' }],
        status: 'booked',
      },
    }),
  ];
}

async function main(): Promise<void> {
  const env = loadConfig();
  const base = env.PUBLIC_URL?.replace(/\/+$/, '') ?? `http://127.0.0.1:${env.PORT}`;
  const webhook = new StandardWebhook(webhookSecret(env));
  const url = `${base}/v1/workspaces/${workspaceId}/webhooks/synaptiq`;
  const events = conversation(new Date());
  console.log(`Sending ${events.length} signed events for lead ${events[0]?.data && (events[0].data as { lead: { id: string } }).lead.id} to ${url}`);
  for (const event of events) {
    const body = JSON.stringify(event);
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...webhook.headers(event.id, body) }, body });
    console.log(`  ${event.type.padEnd(24)} → ${response.status} ${await response.text()}`);
    if (!response.ok) process.exitCode = 1;
  }
  const leadId = (events[0]?.data as { lead: { id: string } }).lead.id;
  if (env.RELAY_API_KEY) {
    // Real-time mode writes within seconds: give the worker a moment, then show where the lead landed.
    await new Promise((done) => setTimeout(done, 3_000));
    const lead = await fetch(`${base}/v1/leads/${leadId}`, { headers: { authorization: `Bearer ${env.RELAY_API_KEY}` } });
    console.log(`\nGET /v1/leads/${leadId} → ${lead.status}\n${JSON.stringify(await lead.json(), null, 2)}`);
  } else {
    console.log(`\nSee the result with your API key:\n  curl -H "Authorization: Bearer <API key>" ${base}/v1/leads/${leadId}\n  curl -H "Authorization: Bearer <API key>" ${base}/v1/sync-log`);
  }
  if (env.SANDBOX === 'on') console.log(`Records in the sandbox CRM: http://127.0.0.1:${env.SANDBOX_PORT}/_sandbox/records/contacts (also companies, deals, notes, meetings)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
