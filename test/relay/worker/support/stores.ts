import type { Stores } from '@synaptiq/shared';
import { createMemoryConfigStore } from '../../../../relay/src/stores/memory/memory-config-store';
import { MemoryDeliveryStore } from '../../../../relay/src/stores/memory/memory-delivery-store';
import { MemoryEventStore } from '../../../../relay/src/stores/memory/memory-event-store';
import { MemoryLeadStore } from '../../../../relay/src/stores/memory/memory-lead-store';
import { MemoryLinkStore } from '../../../../relay/src/stores/memory/memory-link-store';
import { MemorySyncLogStore } from '../../../../relay/src/stores/memory/memory-sync-log-store';

/** The in-memory twins of every store. */
export function memoryStores(): Stores {
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
