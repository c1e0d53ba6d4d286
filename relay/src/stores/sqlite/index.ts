import { join } from 'node:path';
import type { Stores } from '@synaptiq/shared';
import { SqliteDatabase } from './database';
import { SqliteDeliveryStore } from './sqlite-delivery-store';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteLeadStore } from './sqlite-lead-store';
import { SqliteLinkStore } from './sqlite-link-store';
import { SqliteSyncLogStore } from './sqlite-sync-log-store';

export const databaseFileName = 'relay.db';

/** `events` keeps its SQLite type: the relay's start-up also calls its expireLeases. */
export type SqliteStores = Omit<Stores, 'config' | 'close' | 'events'> & { events: SqliteEventStore; close(): void };

/** Opens (creating and migrating) `<dataDir>/relay.db`, or a private in-memory database for ':memory:'. */
export function openSqliteStores(dataDir: string | ':memory:'): SqliteStores {
  const db = new SqliteDatabase(dataDir === ':memory:' ? dataDir : join(dataDir, databaseFileName));
  const leads = new SqliteLeadStore(db);
  return {
    events: new SqliteEventStore(db, leads),
    links: new SqliteLinkStore(db),
    leads,
    syncLog: new SqliteSyncLogStore(db),
    deliveries: new SqliteDeliveryStore(db),
    close: () => db.close(),
  };
}
