import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStores } from '../../../relay/src/stores/index';
import { describeStores } from './store-contract';

describeStores('SQLite + lowdb', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'relay-stores-'));
  return {
    open: () => openStores({ dataDir }),
    persistent: true,
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
});
