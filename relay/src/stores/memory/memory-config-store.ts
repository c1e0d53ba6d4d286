import type { ConfigStore } from '@synaptiq/shared';
import { ConfigDocumentStore } from '../config-document-store';
import { emptyConfigDocument } from '../config-document';

/** The configuration store without a file: the same validation and copy semantics as the lowdb one. */
export const createMemoryConfigStore = (): ConfigStore => new ConfigDocumentStore(emptyConfigDocument(), async () => undefined);
