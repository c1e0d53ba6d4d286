import { migratePostgres, openStores } from '../../../relay/src/stores/index';
import { assertPostgresReachable, dropSchema, freshSchema, testDatabaseUrl, truncateAll } from './postgres-harness';
import { describeStores } from './store-contract';

describe('PostgreSQL stores (TEST_DATABASE_URL)', function () {
  this.timeout(10_000);
  // One fresh schema per run, migrated once; every test starts from empty tables.
  const schema = freshSchema();

  before(async () => {
    await assertPostgresReachable();
    await migratePostgres({ url: testDatabaseUrl, schema });
  });

  after(() => dropSchema(schema));

  describeStores('PostgreSQL', async () => ({
    open: () => openStores({ databaseUrl: testDatabaseUrl, schema }),
    persistent: true,
    cleanup: () => truncateAll(schema),
  }));
});
