import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migratePostgres, PostgresDatabase } from '../../../relay/src/stores/postgres';

/**
 * The PostgreSQL the tests run against: TEST_DATABASE_URL, or the machines' local one. Each harness works in a
 * fresh schema it drops afterwards, so runs never see each other's rows and the database needs no cleaning.
 */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

/** Fails (never skips) when the database is unreachable: a silent skip would pass CI with nothing tested. */
export async function assertPostgresReachable(): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const shown = testDatabaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
    throw new Error(
      `PostgreSQL is unreachable at ${shown} (${error instanceof Error ? error.message : String(error)}). ` +
        'Start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or point TEST_DATABASE_URL at another one.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A new, unused schema name (created by the relay's migrations). */
export const freshSchema = (prefix = 'relay_test'): string => `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Empties every relay table of the schema (faster than a new schema per test; the migrations table stays). */
export async function truncateAll(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = $1 AND tablename <> 'relay_migrations'`,
      [schema],
    );
    if (rows.length > 0) await client.query(`TRUNCATE ${rows.map((row) => row.name).join(', ')} RESTART IDENTITY`);
  } finally {
    await client.end();
  }
}

/**
 * Two pools on one freshly migrated schema: two relay instances as far as the database can tell.
 * Call in `before`; `close` ends both pools and drops the schema.
 */
export async function twoInstances(schema: string): Promise<{ one: PostgresDatabase; two: PostgresDatabase; close(): Promise<void> }> {
  await assertPostgresReachable();
  await migratePostgres({ url: testDatabaseUrl, schema });
  const one = new PostgresDatabase({ url: testDatabaseUrl, schema, applicationName: 'instance-one' });
  const two = new PostgresDatabase({ url: testDatabaseUrl, schema, applicationName: 'instance-two' });
  return {
    one,
    two,
    close: async () => {
      await Promise.all([one.close(), two.close()]);
      await dropSchema(schema);
    },
  };
}
