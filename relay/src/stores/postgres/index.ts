import type { Stores } from '@synaptiq/shared';
import { PostgresDatabase } from './database';
import type { PostgresOptions } from './database';
import { migratePostgres } from './migrate';
import type { MigrationLog } from './migrate';
import { PostgresConfigStore } from './postgres-config-store';
import { PostgresDeliveryStore } from './postgres-delivery-store';
import { PostgresEventStore } from './postgres-event-store';
import { PostgresLeadStore } from './postgres-lead-store';
import { PostgresLinkStore } from './postgres-link-store';
import { PostgresSyncLogStore } from './postgres-sync-log-store';

export interface PostgresStores extends Stores {
  /** The pool the stores run on, for the cross-instance coordination (limiter, schedule, refresh locks). */
  readonly database: PostgresDatabase;
}

/** Migrates the schema (see migrate.ts), then opens every store on one pool. */
export async function openPostgresStores(options: PostgresOptions & { log?: MigrationLog | undefined }): Promise<PostgresStores> {
  await migratePostgres(options, options.log);
  const db = new PostgresDatabase(options);
  return {
    database: db,
    config: new PostgresConfigStore(db),
    events: new PostgresEventStore(db),
    links: new PostgresLinkStore(db),
    leads: new PostgresLeadStore(db),
    syncLog: new PostgresSyncLogStore(db),
    deliveries: new PostgresDeliveryStore(db),
    close: () => db.close(),
  };
}

export { PostgresDatabase, checkedSchema } from './database';
export type { PostgresOptions, Queryable } from './database';
export { migratePostgres, migrationsDir, migrationsTable } from './migrate';
export type { MigrationLog } from './migrate';
