import type { Clock, Stores } from '@synaptiq/shared';
import type { RefreshGate } from '@synaptiq/shared/adapters/shared/index';
import type { PostgresDatabase } from '../database';
import { batchScheduleClaimer } from './batch-schedule';
import type { ClaimScheduledRun } from './batch-schedule';
import { oauthRefreshGate } from './oauth-refresh';
import type { AnswerSealer } from './oauth-refresh';
import { sharedCrmLimits } from './shared-crm-limits';
import type { SharedCrmLimits } from './shared-crm-limits';
import { twoWayPollClaimer } from './two-way-poll';
import type { ClaimTwoWayPoll } from './two-way-poll';

/** Leases of claimed events, with PostgreSQL: short (DATABASE_LEASE_SECONDS), renewed while the work runs (PostgresEventStore). */
export const leaseRenewalEvery = (leaseMs: number): number => Math.max(500, Math.floor(leaseMs / 3));

/** What the relay wires in when several instances share one database. */
export interface InstanceCoordination {
  /** For realAdapterBuilders: one rate budget per CRM account for all instances. */
  sharedLimits: SharedCrmLimits;
  /** For realAdapterBuilders: a workspace's OAuth refreshes, single-flight across instances. */
  refreshGateFor(workspaceId: string): RefreshGate;
  /** For createWorker: the batched schedule fires once per workspace. */
  claimScheduledRun: ClaimScheduledRun;
  /** For createTwoWayPoller: each bidirectional workspace is polled once per interval, by one instance. */
  claimTwoWayPoll: ClaimTwoWayPoll;
  /** For createWorker: a crashed instance's events are taken over within the lease (seconds). */
  workerOptions: { leaseMs: number };
  /** For GET /ready: an instance that cannot reach the database takes no traffic (SELECT 1 within 2 s). */
  databaseReachable(): Promise<boolean>;
}

async function reachable(db: PostgresDatabase): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), 2_000);
  });
  try {
    return await Promise.race([db.rows('SELECT 1').then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const databaseOf = (stores: Stores): PostgresDatabase | undefined =>
  'database' in stores ? (stores as Stores & { database: PostgresDatabase }).database : undefined;

/** The coordination of the stores' database, or null for the embedded stores (one instance, nothing to agree on). */
export function instanceCoordination(stores: Stores, clock: Clock, leaseMs: number, sealer: AnswerSealer): InstanceCoordination | null {
  const db = databaseOf(stores);
  if (db === undefined) return null;
  return {
    sharedLimits: sharedCrmLimits(db, clock),
    refreshGateFor: (workspaceId) => oauthRefreshGate(db, sealer, `workspace:${workspaceId}`),
    claimScheduledRun: batchScheduleClaimer(db),
    claimTwoWayPoll: twoWayPollClaimer(db),
    workerOptions: { leaseMs },
    databaseReachable: () => reachable(db),
  };
}

export { batchScheduleClaimer, oauthRefreshGate, sharedCrmLimits, twoWayPollClaimer };
export type { AnswerSealer, ClaimScheduledRun, ClaimTwoWayPoll, SharedCrmLimits };
export { SharedRateLimiter } from './shared-rate-limiter';
export { SharedHubspotRegistry } from './shared-crm-limits';
