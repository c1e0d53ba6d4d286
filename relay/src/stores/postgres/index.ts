import type { Stores } from '@synaptiq/shared';
import { PostgresDatabase } from './database';
import type { PostgresOptions } from './database';
import { migratePostgres } from './migrate';
import type { MigrationLog } from './migrate';
import { PostgresConfigStore } from './postgres-config-store';
import { PostgresDeliveryStore } from './postgres-delivery-store';
import { PostgresEventStore } from './postgres-event-store';
import type { LeaseRenewal } from './postgres-event-store';
import { PostgresLeadStore } from './postgres-lead-store';
import { PostgresLinkStore } from './postgres-link-store';
import { PostgresSyncLogStore } from './postgres-sync-log-store';

export interface PostgresStores extends Stores {
  /** The pool the stores run on, for the cross-instance coordination (limiter, schedule, refresh locks). */
  readonly database: PostgresDatabase;
  readonly events: PostgresEventStore;
}

export interface OpenPostgresStoresOptions extends PostgresOptions {
  log?: MigrationLog | undefined;
  /** Keep the leases of claimed events alive (relay instances; see PostgresEventStore). Off in the contract tests. */
  leaseRenewal?: LeaseRenewal | undefined;
}

/** Migrates the schema (see migrate.ts), then opens every store on one pool. */
export async function openPostgresStores(options: OpenPostgresStoresOptions): Promise<PostgresStores> {
  await migratePostgres(options, options.log);
  const db = new PostgresDatabase(options);
  const events = new PostgresEventStore(db, options.leaseRenewal);
  return {
    database: db,
    config: new PostgresConfigStore(db),
    events,
    links: new PostgresLinkStore(db),
    leads: new PostgresLeadStore(db),
    syncLog: new PostgresSyncLogStore(db),
    deliveries: new PostgresDeliveryStore(db),
    close: async () => {
      events.stopRenewing();
      await db.close();
    },
  };
}

export { PostgresDatabase, checkedSchema } from './database';
export type { PostgresOptions, Queryable } from './database';
export { PostgresEventStore } from './postgres-event-store';
export type { LeaseRenewal } from './postgres-event-store';
export { migratePostgres, migrationsDir, migrationsTable } from './migrate';
export type { MigrationLog } from './migrate';
