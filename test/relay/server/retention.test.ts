import assert from 'node:assert/strict';
import type { SynaptiqEvent } from '@synaptiq/shared';
import { rawEvent } from '../../fixtures/events/load-event';
import { startRelay } from '../../../relay/src/server';
import { openStores } from '../../../relay/src/stores';
import { removeTestDataDirs, silentPino, testEnv } from '../support/relay-env';

const dayMs = 24 * 60 * 60 * 1000;

describe('relay retention', () => {
  after(removeTestDataDirs);

  it('prunes ended events older than RETENTION_DAYS on start, and keeps newer ones and dead letters', async () => {
    const env = testEnv({ RETENTION_DAYS: 7 });
    await (await startRelay(env, { logger: silentPino() })).close();
    const stores = await openStores({ dataDir: env.DATA_DIR });
    const now = Date.now();
    const eventAt = (id: string, daysAgo: number) => {
      const event = structuredClone(rawEvent('lead.created')) as SynaptiqEvent;
      event.id = id;
      return { event, at: new Date(now - daysAgo * dayMs).toISOString() };
    };
    const old = eventAt('evt_old_synced', 10);
    const recent = eventAt('evt_recent_synced', 2);
    const dead = eventAt('evt_old_dead', 10);
    for (const { event, at } of [old, recent, dead]) await stores.events.append('default', event, at);
    await stores.events.complete('default', [old.event.id, recent.event.id], 'synced', new Date(now).toISOString());
    await stores.events.fail('default', dead.event.id, { code: 'crm.validation', message: 'bad value', details: {} }, null, new Date(now).toISOString());
    await stores.close();

    const relay = await startRelay(env, { logger: silentPino() });
    try {
      // The first pruning run starts with the relay; wait for it rather than for an hour.
      for (let i = 0; i < 50 && (await relay.stores.events.get('default', old.event.id)); i++) await new Promise((done) => setTimeout(done, 50));
      assert.equal(await relay.stores.events.get('default', old.event.id), undefined);
      assert.equal((await relay.stores.events.get('default', recent.event.id))?.status, 'synced');
      assert.equal((await relay.stores.events.get('default', dead.event.id))?.status, 'dead');
    } finally {
      await relay.close();
    }
  });
});
