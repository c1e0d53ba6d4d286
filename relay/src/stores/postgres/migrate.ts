import { join } from 'node:path';
import { runner } from 'node-pg-migrate';
import pg from 'pg';
import { checkedSchema } from './database';
import type { PostgresOptions } from './database';

export const migrationsDir = join(import.meta.dirname, 'migrations');
export const migrationsTable = 'relay_migrations';

/** Where migration progress is told (a pino logger fits); silent by default. */
export interface MigrationLog {
  info(obj: object, msg?: string): void;
}

/**
 * Brings the schema up to date with node-pg-migrate (https://salsita.github.io/node-pg-migrate/api):
 * the SQL files of ./migrations not yet recorded in `relay_migrations`, in order, in one transaction.
 * Instances starting together are safe: node-pg-migrate holds an advisory lock while it runs and the
 * others wait for it ('wait'), then find nothing left to do. Returns the names of the migrations it ran.
 */
export async function migratePostgres(options: PostgresOptions, log?: MigrationLog): Promise<string[]> {
  const schema = checkedSchema(options.schema);
  const client = new pg.Client({ connectionString: options.url, application_name: 'synaptiq-relay-migrate' });
  await client.connect();
  try {
    const ran = await runner({
      dbClient: client,
      dir: migrationsDir,
      migrationsTable,
      schema,
      createSchema: true,
      direction: 'up',
      checkOrder: true,
      singleTransaction: true,
      advisoryLockMode: 'wait',
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    const names = ran.map((migration) => migration.name);
    if (names.length > 0) log?.info({ schema, migrations: names }, 'PostgreSQL schema migrated');
    return names;
  } finally {
    await client.end();
  }
}
