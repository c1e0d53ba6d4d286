import { randomUUID } from 'node:crypto';
import { SyncError } from '@synaptiq/shared';
import type { Clock, HookEvent, Stores, Subscription } from '@synaptiq/shared';
import { generateWebhookSecret } from '../../crypto';
import type { SecretBox } from '../../crypto';
import { checkTargetUrl } from './target-url';
import type { TargetPolicy } from './target-url';

export interface SubscriptionDeps {
  stores: Pick<Stores, 'config'>;
  secrets: SecretBox;
  clock: Clock;
  targets: TargetPolicy;
}

/** A subscription as the admin API shows it: never its secret (that is shown once, on creation). */
export interface SubscriptionView {
  id: string;
  event: HookEvent;
  target_url: string;
  status: Subscription['status'];
  disabled_reason: string | null;
  created_at: string;
  health: { last_success_at: string | null; last_failure_at: string | null; failing_since: string | null };
}

export const presentSubscription = (subscription: Subscription): SubscriptionView => ({
  id: subscription.id,
  event: subscription.event,
  target_url: subscription.target_url,
  status: subscription.status,
  disabled_reason: subscription.disabled_reason,
  created_at: subscription.created_at,
  health: { last_success_at: subscription.last_success_at, last_failure_at: subscription.last_failure_at, failing_since: subscription.failing_since },
});

/**
 * Subscribes a target URL to an event. Each call makes a new subscription with its own id and secret
 * (several to one event never replace each other); the secret is stored encrypted and returned only here.
 */
export async function createSubscription(
  deps: SubscriptionDeps,
  workspaceId: string,
  input: { target_url: string; event: HookEvent },
): Promise<SubscriptionView & { secret: string }> {
  const targetUrl = await checkTargetUrl(input.target_url, deps.targets);
  const secret = generateWebhookSecret();
  const subscription: Subscription = {
    id: `hook_${randomUUID().replaceAll('-', '')}`,
    workspace_id: workspaceId,
    event: input.event,
    target_url: targetUrl,
    secret: deps.secrets.encrypt(secret),
    created_at: new Date(deps.clock.now()).toISOString(),
    status: 'active',
    disabled_reason: null,
    failing_since: null,
    last_success_at: null,
    last_failure_at: null,
  };
  await deps.stores.config.saveSubscription(subscription);
  return { ...presentSubscription(subscription), secret };
}

/** The workspace's subscriptions, newest first. */
export async function listSubscriptions(deps: Pick<SubscriptionDeps, 'stores'>, workspaceId: string): Promise<SubscriptionView[]> {
  const subscriptions = await deps.stores.config.listSubscriptions(workspaceId);
  return subscriptions.sort((a, b) => b.created_at.localeCompare(a.created_at)).map(presentSubscription);
}

export async function findSubscription(deps: Pick<SubscriptionDeps, 'stores'>, workspaceId: string, id: string): Promise<Subscription> {
  const subscription = (await deps.stores.config.listSubscriptions(workspaceId)).find((candidate) => candidate.id === id);
  if (!subscription) throw notFound(id);
  return subscription;
}

export async function deleteSubscription(deps: Pick<SubscriptionDeps, 'stores'>, workspaceId: string, id: string): Promise<void> {
  if (!(await deps.stores.config.deleteSubscription(workspaceId, id))) throw notFound(id);
}

const notFound = (id: string): SyncError =>
  new SyncError('not_found', `There is no hook subscription "${id}" in this workspace: GET /v1/hooks lists them.`, { details: { subscription_id: id } });
