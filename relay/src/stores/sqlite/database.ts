import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { SQLInputValue, SQLOutputValue, StatementSync } from 'node:sqlite';
import { GroupCommit } from './group-commit';
import { migrations } from './migrations';

export type Row = Record<string, SQLOutputValue>;
export type Params = Record<string, SQLInputValue>;

/**
 * Durability: in WAL mode synchronous=NORMAL skips the fsync at commit, so a power cut can undo
 * transactions that had returned, i.e. webhooks already answered 2xx. FULL fsyncs the WAL on every
 * commit, so FULL it is, and no checkpoint strategy is needed for durability (automatic checkpoints
 * stay on). A FULL single-row commit costs ~0.48 ms on the bench machine's disk (docs/performance.md,
 * ingest), so webhook appends go through groupWrite: concurrent ones share one COMMIT (group-commit.ts).
 */
const pragmas = ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON', 'busy_timeout = 5000'];

/**
 * One SQLite database file (node:sqlite, https://nodejs.org/api/sqlite.html) with its prepared
 * statements cached by SQL text and a transaction helper. node:sqlite is synchronous: each call
 * blocks the event loop for its duration (microseconds for the indexed queries here).
 */
export class SqliteDatabase {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  readonly #group = new GroupCommit((work) => this.transaction(work));

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    this.#db = new DatabaseSync(file);
    for (const pragma of pragmas) this.#db.exec(`PRAGMA ${pragma}`);
    migrate(this.#db);
  }

  /** A cached prepared statement: SQL is compiled once per database. */
  statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  run(sql: string, params: Params = {}): number {
    return Number(this.statement(sql).run(params).changes);
  }

  get(sql: string, params: Params = {}): Row | undefined {
    return this.statement(sql).get(params);
  }

  all(sql: string, params: Params = {}): Row[] {
    return this.statement(sql).all(params);
  }

  /**
   * Runs `work` in a write transaction taken at BEGIN (IMMEDIATE), so two processes sharing the
   * file cannot both read the same queue state and then both write it. `work` must be synchronous.
   */
  transaction<T>(work: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * Runs `work` (synchronous) in the transaction shared by every groupWrite of this event-loop turn;
   * resolves after that transaction's COMMIT, rejects when the transaction failed.
   */
  groupWrite<T>(work: () => T): Promise<T> {
    return this.#group.write(work);
  }

  pragma(name: string): SQLOutputValue | undefined {
    const row = this.#db.prepare(`PRAGMA ${name}`).get();
    return row === undefined ? undefined : Object.values(row)[0];
  }

  close(): void {
    if (this.#db.isOpen) this.#group.flush();
    this.#statements.clear();
    if (this.#db.isOpen) this.#db.close();
  }
}

/** Applies the migrations past PRAGMA user_version, each with its version bump in one transaction. */
function migrate(db: DatabaseSync): void {
  const row = db.prepare('PRAGMA user_version').get();
  const current = Number(row?.user_version ?? 0);
  if (current > migrations.length) {
    throw new Error(
      `The database was written by a newer relay (schema version ${current}, this relay knows ${migrations.length}); upgrade the relay.`,
    );
  }
  migrations.slice(current).forEach((sql, index) => {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(sql);
      db.exec(`PRAGMA user_version = ${current + index + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  });
}
