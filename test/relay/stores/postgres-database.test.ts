import assert from 'node:assert/strict';
import { loadConfig } from '../../../relay/src/config';
import { checkedSchema, positional } from '../../../relay/src/stores/postgres/database';

describe('PostgreSQL stores: SQL parameters and settings', () => {
  describe('positional', () => {
    const cases: Array<[string, string, Record<string, unknown>, string, unknown[]]> = [
      ['numbers named parameters in order of first use', 'a = :a AND b = :b', { a: 1, b: 2 }, 'a = $1 AND b = $2', [1, 2]],
      ['binds a repeated name once', 'x = :at OR y = :at', { at: 'now' }, 'x = $1 OR y = $1', ['now']],
      ['leaves ::type casts alone', 'ANY(:ids::text[])', { ids: ['a'] }, 'ANY($1::text[])', [['a']]],
      ['ignores parameters the SQL does not use', 'a = :a', { a: 1, unused: 2 }, 'a = $1', [1]],
    ];
    for (const [name, sql, params, text, values] of cases) {
      it(name, () => {
        assert.deepEqual(positional(sql, params), { text, values });
      });
    }

    it('refuses SQL naming a parameter it was not given', () => {
      assert.throws(() => positional('a = :a', {}), /:a has no value/);
    });
  });

  it('accepts only plain lower-case schema names (they are written into SQL)', () => {
    assert.equal(checkedSchema(undefined), 'public');
    assert.equal(checkedSchema('relay_prod'), 'relay_prod');
    assert.throws(() => checkedSchema('relay"; DROP TABLE x; --'), RangeError);
  });

  describe('DATABASE_URL in the environment', () => {
    it('needs ENCRYPTION_KEY, the same on every instance', () => {
      assert.throws(() => loadConfig({ DATABASE_URL: 'postgres://relay@db:5432/relay' }), /ENCRYPTION_KEY/);
      assert.equal(loadConfig({ DATABASE_URL: 'postgres://relay@db:5432/relay', ENCRYPTION_KEY: 'k'.repeat(44) }).DATABASE_LEASE_SECONDS, 15);
    });

    it('refuses what is not a PostgreSQL URL', () => {
      assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://db/relay', ENCRYPTION_KEY: 'k'.repeat(44) }), /DATABASE_URL/);
    });

    it('leaves the embedded stores in place when unset', () => {
      assert.equal(loadConfig({}).DATABASE_URL, undefined);
    });
  });
});
