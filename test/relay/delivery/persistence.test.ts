import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Stores } from '@synaptiq/shared';
import type { LeadView } from '../../../relay/src/services/lead-view';
import { createHooks } from '../../../relay/src/services/hooks';
import type { HookRequest } from '../../../relay/src/delivery';
import { StandardWebhook } from '@synaptiq/shared/webhooks/standard-webhook';
import { createSecretBox } from '../../../relay/src/crypto';
import { openStores } from '../../../relay/src/stores';
import { fixedClock, silentLogger, testEncryptionKey } from '../support/test-relay';

describe('hook deliveries on the embedded stores', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'relay-hooks-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const hooksOn = (stores: Stores, sent: HookRequest[]) =>
    createHooks({
      stores,
      secrets: createSecretBox(testEncryptionKey),
      clock: fixedClock(),
      logger: silentLogger,
      crmFor: async () => {
        throw new Error('no CRM in this test');
      },
      lookup: async () => [{ address: '93.184.216.34', family: 4 }],
      transport: async (request) => {
        sent.push(request);
        return { status: 200, retryAfter: null, error: null };
      },
    });

  it('keeps a queued message across a restart and sends it after, signed under its subscription', async () => {
    const secrets = createSecretBox(testEncryptionKey);
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const before = await openStores({ dataDir });
    await before.config.saveSubscription({
      id: 'hook_1',
      workspace_id: 'acme',
      event: 'lead.created',
      target_url: 'https://hooks.example.com/synaptiq',
      secret: secrets.encrypt(secret),
      created_at: '2026-11-24T15:00:00.000Z',
      status: 'active',
      disabled_reason: null,
      failing_since: null,
      last_success_at: null,
      last_failure_at: null,
    });
    const unsent: HookRequest[] = [];
    await hooksOn(before, unsent).emitHookEvent('acme', 'lead.created', { id: 'lead_1', name: 'Ada' } as LeadView);
    await before.close();

    const after = await openStores({ dataDir });
    const sent: HookRequest[] = [];
    const attempts = await hooksOn(after, sent).worker.runDue();
    const [delivery] = (await after.deliveries.list('acme', {}, { limit: 1 })).items;
    await after.close();
    assert.equal(unsent.length, 0);
    assert.equal(attempts, 1);
    assert.deepEqual(JSON.parse(sent[0]?.body ?? '{}').data, { id: 'lead_1', name: 'Ada' });
    assert.equal(delivery?.status, 'succeeded');
    new StandardWebhook(secret, { clock: fixedClock() }).verify(sent[0]?.body ?? '', sent[0]?.headers ?? {});
  });
});
