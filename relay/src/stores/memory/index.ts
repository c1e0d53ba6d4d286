import type { Stores } from '@synaptiq/shared';
import { createMemoryConfigStore } from './memory-config-store';
import { MemoryDeliveryStore } from './memory-delivery-store';
import { MemoryEventStore } from './memory-event-store';
import { MemoryLeadStore } from './memory-lead-store';
import { MemoryLinkStore } from './memory-link-store';
import { MemorySyncLogStore } from './memory-sync-log-store';

/** Every store in memory, with the behaviour of the file-backed ones (the store contract suite runs on both). */
export function createMemoryStores(): Stores {
  return {
    config: createMemoryConfigStore(),
    events: new MemoryEventStore(),
    links: new MemoryLinkStore(),
    leads: new MemoryLeadStore(),
    syncLog: new MemorySyncLogStore(),
    deliveries: new MemoryDeliveryStore(),
    close: async () => undefined,
  };
}

export { createMemoryConfigStore, MemoryDeliveryStore, MemoryEventStore, MemoryLeadStore, MemoryLinkStore, MemorySyncLogStore };
