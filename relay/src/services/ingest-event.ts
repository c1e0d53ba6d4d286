import { SyncError, synaptiqEventSchema, workspaceIdSchema } from '@synaptiq/shared';
import type { Clock, Stores, SynaptiqEvent } from '@synaptiq/shared';
import { formatZodIssues } from '@synaptiq/shared/schemas/issues';
import { StandardWebhook } from '@synaptiq/shared/webhooks/standard-webhook';
import type { IncomingHeaders } from '@synaptiq/shared/webhooks/standard-webhook';
import type { SecretBox } from '../crypto';

export interface IngestDeps {
  stores: Pick<Stores, 'config' | 'events' | 'leads'>;
  secrets: SecretBox;
  clock: Clock;
  /** Tells the worker the workspace has new work (real-time mode runs it within seconds). */
  kick(workspaceId: string): void;
}

export interface IngestRequest {
  workspaceId: string;
  rawBody: Buffer;
  headers: IncomingHeaders;
  /** Checked after the signature, so an unsigned caller learns nothing else. */
  assertJson(): void;
}

export interface IngestResult {
  id: string;
  status: 'accepted' | 'duplicate';
}

/**
 * One signed Synaptiq webhook: verify, parse, validate, store durably, then wake the worker.
 * It resolves only after the event (and its lead snapshot) is durably stored (the 2xx promise); a repeated webhook-id
 * is acknowledged as a duplicate and never processed twice. Nothing is stored before every check passed.
 */
export async function ingestEvent(deps: IngestDeps, request: IngestRequest): Promise<IngestResult> {
  const workspace = workspaceIdSchema.safeParse(request.workspaceId).success ? await deps.stores.config.getWorkspace(request.workspaceId) : undefined;
  if (!workspace) {
    throw new SyncError('not_found', `There is no workspace "${request.workspaceId}": check the webhook URL (…/v1/workspaces/<workspace id>/webhooks/synaptiq).`, {
      details: { workspace_id: request.workspaceId },
    });
  }
  const webhook = new StandardWebhook(workspace.webhook_secrets.map((sealed) => deps.secrets.decrypt(sealed)), { clock: deps.clock });
  const webhookId = webhook.verify(request.rawBody, request.headers);
  request.assertJson();
  const event = parseEvent(request.rawBody);
  if (event.id !== webhookId) {
    throw new SyncError('request.invalid', `The webhook-id header ("${webhookId}") must equal the event's id ("${event.id}").`, {
      details: { errors: [{ path: 'id', message: 'must equal the webhook-id header' }] },
    });
  }

  const receivedAt = new Date(deps.clock.now()).toISOString();
  const { inserted } = await storeEventAndLead(deps.stores, workspace.id, event, receivedAt);
  if (inserted) deps.kick(workspace.id);
  return { id: event.id, status: inserted ? 'accepted' : 'duplicate' };
}

/** One durable write where the store offers it (SQLite: shared by the concurrent webhooks), else append then upsert. */
async function storeEventAndLead(stores: IngestDeps['stores'], workspaceId: string, event: SynaptiqEvent, receivedAt: string): Promise<{ inserted: boolean }> {
  if (stores.events.appendWithLead) return stores.events.appendWithLead(workspaceId, event, receivedAt);
  const result = await stores.events.append(workspaceId, event, receivedAt);
  if (result.inserted) await stores.leads.upsert(workspaceId, event.data.lead, receivedAt);
  return result;
}

function parseEvent(rawBody: Buffer): SynaptiqEvent {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    throw new SyncError('request.malformed_json', `The body is not valid JSON: ${(error as Error).message}.`);
  }
  const parsed = synaptiqEventSchema.safeParse(json);
  if (!parsed.success) {
    const errors = formatZodIssues(parsed.error);
    throw new SyncError('request.invalid', `The event is invalid: ${errors.map((e) => `${e.path || '(body)'}: ${e.message}`).join('; ')}`, {
      details: { errors },
    });
  }
  return parsed.data;
}
