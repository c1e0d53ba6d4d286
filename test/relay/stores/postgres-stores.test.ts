import { openStores } from '../../../relay/src/stores/index';
import { assertPostgresReachable, dropSchema, freshSchema, testDatabaseUrl } from './postgres-harness';
import { describeStores } from './store-contract';

describe('PostgreSQL stores (TEST_DATABASE_URL)', function () {
  // Each test migrates a fresh schema: a few tens of milliseconds, more on a loaded machine.
  this.timeout(10_000);

  before(assertPostgresReachable);

  describeStores('PostgreSQL', async () => {
    const schema = freshSchema();
    return {
      open: () => openStores({ databaseUrl: testDatabaseUrl, schema }),
      persistent: true,
      cleanup: () => dropSchema(schema),
    };
  });
});
