import request from 'supertest';
import { MemoryCrmAdapter } from '@synaptiq/shared';
import type { HookEvent } from '@synaptiq/shared';
import { coreBatchRunner } from '../../../../relay/src/worker/core-batch-runner';
import { createWorker } from '../../../../relay/src/worker/create-worker';
import type { Worker } from '../../../../relay/src/worker/create-worker';
import { createHooks } from '../../../../relay/src/services/hooks';
import type { HostLookup, Hooks } from '../../../../relay/src/services/hooks';
import type { DeliveryOptionsInput } from '../../../../relay/src/delivery';
import type { HookTransport } from '../../../../relay/src/delivery';
import type { MemoryCrmOptions } from '@synaptiq/shared';
import type { Logger } from '../../../../relay/src/worker/types';
import type { RelayMetrics } from '../../../../relay/src/metrics';
import { loadConfig } from '../../../../relay/src/config';
import { deliveryOptionsFromEnv } from '../../../../relay/src/delivery';
import { bearer, createTestRelay, silentLogger, signedHeaders } from '../../support/test-relay';
import type { TestRelay } from '../../support/test-relay';

export interface HooksRelay extends TestRelay {
  hooks: Hooks;
  /** The real sync worker over the core and a memory CRM (run with syncNow). */
  sync: Worker;
  memoryCrm: MemoryCrmAdapter;
  apiKey: string;
  webhookSecret: string;
  subscribe(event: HookEvent, targetUrl: string, apiKey?: string): Promise<{ id: string; secret: string }>;
  /** Sends a signed Synaptiq webhook to the relay's inbound endpoint. */
  ingest(event: { id: string } & Record<string, unknown>): Promise<void>;
}

export interface HooksRelayOptions {
  delivery?: DeliveryOptionsInput;
  transport?: HookTransport;
  crm?: MemoryCrmOptions;
  random?: () => number;
  lookup?: HostLookup;
  logger?: Logger;
  metrics?: RelayMetrics;
}

/**
 * The relay app with outbound hooks wired as server.ts wires them (HOOKS_ALLOW_PRIVATE_TARGETS=true, so a
 * subscriber on 127.0.0.1 is allowed), the real sync worker over a memory CRM, and one workspace "acme".
 */
export async function createHooksRelay(options: HooksRelayOptions = {}): Promise<HooksRelay> {
  const env = loadConfig({ HOOKS_ALLOW_PRIVATE_TARGETS: 'true' });
  const memoryCrm = new MemoryCrmAdapter(options.crm ?? {});
  const relay = createTestRelay(
    { hooks: { allowPrivateTargets: env.HOOKS_ALLOW_PRIVATE_TARGETS } },
    { crm: () => memoryCrm },
  );
  const hooks = createHooks({
    stores: relay.stores,
    secrets: relay.secrets,
    clock: relay.clock,
    logger: options.logger ?? silentLogger,
    crmFor: async (workspace) => relay.crm(workspace.id),
    options: { ...deliveryOptionsFromEnv(env), timeoutMs: 2_000, ...options.delivery },
    random: options.random ?? (() => 0),
    ...(options.transport ? { transport: options.transport } : {}),
    ...(options.lookup ? { lookup: options.lookup } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  const sync = createWorker({
    stores: relay.stores,
    crmFor: async (workspace) => relay.crm(workspace.id),
    clock: relay.clock,
    logger: silentLogger,
    runBatch: coreBatchRunner(),
    random: () => 0,
    onSettled: hooks.onSettled,
    // Started only so Sync Now runs; timers that never fire keep its ticks out of the tests.
    timers: { setTimeout: () => null, clearTimeout: () => undefined },
  });
  sync.start();
  const { apiKey, webhookSecret } = await relay.addWorkspace();
  return {
    ...relay,
    hooks,
    sync,
    memoryCrm,
    apiKey,
    webhookSecret,
    async subscribe(event, targetUrl, key = apiKey) {
      const res = await request(relay.app).post('/v1/hooks').set('authorization', bearer(key)).send({ event, target_url: targetUrl });
      if (res.status !== 201) throw new Error(`subscribe answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body as { id: string; secret: string };
    },
    async ingest(event) {
      const body = JSON.stringify(event);
      const res = await request(relay.app)
        .post('/v1/workspaces/acme/webhooks/synaptiq')
        .set(signedHeaders(webhookSecret, event.id, body, relay.clock))
        .send(body);
      if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(res.body)}`);
    },
  };
}
