import type { Stores } from '@synaptiq/shared';
import { openLowdbConfigStore } from './lowdb-config-store';
import { createMemoryStores } from './memory';
import { openPostgresStores } from './postgres';
import type { LeaseRenewal, MigrationLog } from './postgres';
import { openSqliteStores } from './sqlite';

/**
 * The relay's storage: configuration in lowdb (`<dataDir>/config.json`), everything else in
 * SQLite (`<dataDir>/relay.db`), or all in memory for tests. See README.md for why.
 */

export type OpenStoresOptions =
  | { dataDir: string }
  | { memory: true }
  /** DATABASE_URL: every store in PostgreSQL, for several instances on one database (docs/deployment.md). */
  | { databaseUrl: string; schema?: string | undefined; log?: MigrationLog | undefined; leaseRenewal?: LeaseRenewal | undefined };

export async function openStores(options: OpenStoresOptions): Promise<Stores> {
  if ('memory' in options) return createMemoryStores();
  if ('databaseUrl' in options) {
    const { databaseUrl, schema, log, leaseRenewal } = options;
    return openPostgresStores({ url: databaseUrl, schema, log, leaseRenewal });
  }
  const config = await openLowdbConfigStore(options.dataDir);
  const sqlite = openSqliteStores(options.dataDir);
  return { ...sqlite, config, close: async () => sqlite.close() };
}

export { createMemoryStores } from './memory';
export { openLowdbConfigStore, configFileName } from './lowdb-config-store';
export { InvalidConfigFileError } from './config-document';
export { openSqliteStores, databaseFileName } from './sqlite';
export { openPostgresStores, migratePostgres } from './postgres';
export type { PostgresStores, PostgresOptions } from './postgres';
export { instanceCoordination, leaseRenewalEvery } from './postgres/coordination';
export type { InstanceCoordination } from './postgres/coordination';
export { startRetention, pruneOlderThan } from './retention';
export type { Retention, RetentionOptions, PruneResult } from './retention';
export { maxPageSize } from './paging';
export type {
  ConfigStore,
  CrmLink,
  DeliveryAttempt,
  DeliveryStore,
  EventFilter,
  EventStatus,
  EventStore,
  LeadFilter,
  LeadRecord,
  LeadStore,
  LinkStore,
  Page,
  PageRequest,
  StoredEvent,
  Stores,
  SyncLogEntry,
  SyncLogFilter,
  SyncLogStatus,
  SyncLogStore,
} from '@synaptiq/shared';
