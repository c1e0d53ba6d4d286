import type { Stores } from '@synaptiq/shared';
import { describeConfigStore } from './contract/config-store';
import type { StoreContext } from './contract/context';
import { describeDeliveryStore } from './contract/delivery-store';
import { describeEventStore } from './contract/event-store';
import { describeLeadStore } from './contract/lead-store';
import { describeLinkStore } from './contract/link-store';
import { describeSyncLogStore } from './contract/sync-log-store';
import { describeWorkspaceIsolation } from './contract/workspace-isolation';

/** How the contract suite gets a fresh, empty set of stores for each test. */
export interface StoreHarness {
  /** Opens the stores; after close(), opening again sees the same data when `persistent`. */
  open(): Promise<Stores>;
  persistent: boolean;
  /** Removes whatever the harness created (temporary directory, database schema). */
  cleanup(): Promise<void>;
}

/**
 * The one behaviour suite every Stores implementation must pass (memory, SQLite + lowdb, and the
 * PostgreSQL one to come): call it from a *.test.ts file with a harness factory.
 */
export function describeStores(name: string, makeStores: () => Promise<StoreHarness>): void {
  describe(`Stores contract: ${name}`, () => {
    let harness: StoreHarness | undefined;
    let stores: Stores | undefined;

    const ctx: StoreContext = {
      get stores(): Stores {
        if (stores === undefined) throw new Error('the stores are not open');
        return stores;
      },
      get persistent(): boolean {
        return harness?.persistent ?? false;
      },
      async reopen(): Promise<Stores> {
        if (harness === undefined || stores === undefined) throw new Error('the stores are not open');
        await stores.close();
        stores = await harness.open();
        return stores;
      },
    };

    beforeEach(async () => {
      harness = await makeStores();
      stores = await harness.open();
    });

    afterEach(async () => {
      await stores?.close();
      await harness?.cleanup();
      stores = undefined;
      harness = undefined;
    });

    describeConfigStore(ctx);
    describeEventStore(ctx);
    describeLinkStore(ctx);
    describeLeadStore(ctx);
    describeSyncLogStore(ctx);
    describeDeliveryStore(ctx);
    describeWorkspaceIsolation(ctx);
  });
}
