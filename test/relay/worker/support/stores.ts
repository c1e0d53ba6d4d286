import type { Stores } from '@synaptiq/shared';
import { createMemoryStores } from '../../../../relay/src/stores';

/** The in-memory twins of every store. */
export const memoryStores = (): Stores => createMemoryStores();
