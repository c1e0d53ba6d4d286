import type { EventStatus, Stores } from '@synaptiq/shared';
import { StandardWebhook } from '@synaptiq/shared/webhooks/standard-webhook';
import { leadLifecycle, rawBenchEvent, type BenchEventType } from './leads';
import type { HarnessRelay } from './relay-harness';

export const webhookPath = (workspaceId: string) => `/v1/workspaces/${workspaceId}/webhooks/synaptiq`;

/** POSTs a signed body (raw JSON text) to a workspace's webhook endpoint. */
export function postSigned(relay: HarnessRelay, workspaceId: string, secret: string, id: string, body: string) {
  return relay.request(webhookPath(workspaceId), { method: 'POST', headers: { 'content-type': 'application/json', ...new StandardWebhook(secret).headers(id, body) }, body });
}

/** Sends every lead's life (created, qualified, conversation, meeting), type by type; returns the event ids. */
export async function sendLeadLives(relay: HarnessRelay, workspaceId: string, secret: string, leads: number[], run: string, patch: (event: Record<string, unknown>) => void = () => undefined): Promise<string[]> {
  const ids: string[] = [];
  for (const type of leadLifecycle) {
    for (const lead of leads) {
      const event = rawBenchEvent(lead, type as BenchEventType, run);
      patch(event);
      const res = await postSigned(relay, workspaceId, secret, String(event.id), JSON.stringify(event));
      if (res.status !== 202) throw new Error(`event ${String(event.id)} answered ${res.status}: ${res.text}`);
      ids.push(String(event.id));
    }
  }
  return ids;
}

/** Waits until nothing of the workspace is pending, in flight or waiting for a retry (the worker runs on its own). */
export async function drained(stores: Stores, workspaceId: string, timeoutMs = 40_000): Promise<Record<EventStatus, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await stores.events.countByStatus(workspaceId);
    if (counts.pending + counts.processing + counts.failed === 0) return counts;
    const workspace = await stores.config.getWorkspace(workspaceId);
    if (workspace?.status.paused) return counts;
    if (Date.now() > deadline) throw new Error(`not drained after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
