import pg from 'pg';
import type { PoolClient, QueryResultRow } from 'pg';

export type Params = Record<string, unknown>;

/** Something queries run on: the pool (autocommit) or one client inside a transaction. */
export interface Queryable {
  rows<T extends QueryResultRow = QueryResultRow>(sql: string, params?: Params): Promise<T[]>;
  /** Rows changed (or returned) by the statement. */
  run(sql: string, params?: Params): Promise<number>;
}

export interface PostgresOptions {
  /** postgres://user:password@host:port/database (libpq URL form). */
  url: string;
  /** Schema the relay's tables live in; default public. Tests use a fresh one per run. */
  schema?: string | undefined;
  /** Pool size per relay instance; default 10 (see docs/deployment.md for the sum over instances). */
  maxConnections?: number | undefined;
  /** Name shown in pg_stat_activity, to tell instances apart. */
  applicationName?: string | undefined;
}

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

/** A schema name safe to interpolate (the only name that is: identifiers cannot be query parameters). */
export function checkedSchema(schema: string | undefined): string {
  const name = schema ?? 'public';
  if (!identifier.test(name)) throw new RangeError(`The PostgreSQL schema name "${name}" must be lower-case letters, digits and "_".`);
  return name;
}

/**
 * `:name` placeholders → `$n` (node-postgres only knows positional ones), so the stores read like the SQLite
 * ones. `::type` casts are left alone. Each name is bound once however often it appears. The SQL is the stores'
 * own text, never user input; keep `:word` out of its string literals (write JSON paths as '{a,b}').
 */
export function positional(sql: string, params: Params): { text: string; values: unknown[] } {
  const order: string[] = [];
  const text = sql.replace(/(?<![:\w]):([a-z_][a-z0-9_]*)/g, (_match, name: string) => {
    if (!Object.hasOwn(params, name)) throw new Error(`SQL parameter :${name} has no value`);
    let index = order.indexOf(name);
    if (index === -1) index = order.push(name) - 1;
    return `$${index + 1}`;
  });
  return { text, values: order.map((name) => params[name]) };
}

class Runner implements Queryable {
  constructor(private readonly target: pg.Pool | PoolClient) {}

  async rows<T extends QueryResultRow = QueryResultRow>(sql: string, params: Params = {}): Promise<T[]> {
    const { text, values } = positional(sql, params);
    return (await this.target.query<T>(text, values)).rows;
  }

  async run(sql: string, params: Params = {}): Promise<number> {
    const { text, values } = positional(sql, params);
    return (await this.target.query(text, values)).rowCount ?? 0;
  }
}

/**
 * One node-postgres pool (https://node-postgres.com/apis/pool) on the relay's schema. Every statement of
 * the stores is a single autocommit statement or runs in `transaction`, so a crash never leaves half a change.
 */
export class PostgresDatabase implements Queryable {
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly #runner: Runner;

  constructor(options: PostgresOptions) {
    this.schema = checkedSchema(options.schema);
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      application_name: options.applicationName ?? 'synaptiq-relay',
      // search_path per connection: the stores' SQL names tables without a schema.
      options: `-c search_path=${this.schema}`,
    });
    // An idle client losing its connection (database restart) must not crash the relay; the pool replaces it.
    this.pool.on('error', () => undefined);
    this.#runner = new Runner(this.pool);
  }

  rows<T extends QueryResultRow = QueryResultRow>(sql: string, params?: Params): Promise<T[]> {
    return this.#runner.rows<T>(sql, params);
  }

  run(sql: string, params?: Params): Promise<number> {
    return this.#runner.run(sql, params);
  }

  /** Runs `work` in one transaction on one connection (READ COMMITTED); rolls back when it throws. */
  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(new Runner(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that cannot even roll back is dropped, not handed to the next caller.
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
