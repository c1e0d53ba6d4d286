import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SqliteDatabase } from '../../../relay/src/stores/sqlite/database';
import { migrations } from '../../../relay/src/stores/sqlite/migrations';

describe('SqliteDatabase', () => {
  let dataDir: string;
  const file = (): string => join(dataDir, 'relay.db');

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'relay-db-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('journals in WAL mode and fsyncs every commit (synchronous = FULL)', () => {
    const db = new SqliteDatabase(file());
    try {
      assert.equal(db.pragma('journal_mode'), 'wal');
      assert.equal(db.pragma('synchronous'), 2);
    } finally {
      db.close();
    }
  });

  it('applies every migration on open and records the schema version in user_version', () => {
    const db = new SqliteDatabase(file());
    try {
      assert.equal(db.pragma('user_version'), migrations.length);
      assert.equal(db.get("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'events'")?.n, 1);
    } finally {
      db.close();
    }
  });

  it('opens an up-to-date database again without re-running migrations', () => {
    new SqliteDatabase(file()).close();
    const db = new SqliteDatabase(file());
    try {
      assert.equal(db.pragma('user_version'), migrations.length);
    } finally {
      db.close();
    }
  });

  it('refuses a database written by a newer relay, saying to upgrade', () => {
    const raw = new DatabaseSync(file());
    raw.exec(`PRAGMA user_version = ${migrations.length + 1}`);
    raw.close();
    assert.throws(() => new SqliteDatabase(file()), /newer relay.*upgrade the relay/);
  });

  it('rolls a transaction back when its work throws', () => {
    const db = new SqliteDatabase(file());
    try {
      assert.throws(() =>
        db.transaction(() => {
          db.run(`INSERT INTO links (workspace_id, key, object_type, crm_id) VALUES ('acme', 'k', 'contact', '1')`);
          throw new Error('boom');
        }),
      );
      assert.equal(db.get('SELECT count(*) AS n FROM links')?.n, 0);
    } finally {
      db.close();
    }
  });
});
