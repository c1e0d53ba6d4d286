import { openStores } from '../../../relay/src/stores/index';
import { describeStores } from './store-contract';

describeStores('memory', async () => ({
  open: () => openStores({ memory: true }),
  persistent: false,
  cleanup: async () => undefined,
}));
