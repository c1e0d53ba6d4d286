import assert from 'node:assert/strict';
import { link } from '../fixtures';
import { allPages } from './context';
import type { StoreContext } from './context';

const ws = 'acme';

export function describeLinkStore(ctx: StoreContext): void {
  describe('LinkStore', () => {
    it('puts links and gets the requested ones back by key, skipping unknown keys', async () => {
      await ctx.stores.links.put(ws, [link('lead:l1:contact', 'contact', '101'), link('company:acme', 'company', '201')]);
      const found = await ctx.stores.links.getMany(ws, ['lead:l1:contact', 'company:acme', 'lead:l9:contact']);
      assert.deepEqual([...found.keys()].sort(), ['company:acme', 'lead:l1:contact']);
      assert.deepEqual(found.get('lead:l1:contact'), link('lead:l1:contact', 'contact', '101'));
      assert.equal((await ctx.stores.links.getMany(ws, [])).size, 0);
    });

    it('overwrites the earlier link of a key', async () => {
      await ctx.stores.links.put(ws, [link('lead:l1:contact', 'contact', '101')]);
      await ctx.stores.links.put(ws, [{ key: 'lead:l1:contact', object_type: 'contact', crm_id: '102' }]);
      assert.deepEqual((await ctx.stores.links.getMany(ws, ['lead:l1:contact'])).get('lead:l1:contact'), {
        key: 'lead:l1:contact',
        object_type: 'contact',
        crm_id: '102',
        url: null,
      });
    });

    it("lists a lead's links by key prefix, not those of a lead whose id merely starts the same", async () => {
      await ctx.stores.links.put(ws, [
        link('lead:l1:contact', 'contact', '101'),
        link('lead:l1:deal', 'deal', '301'),
        link('lead:l1:note:c1', 'note', '401'),
        link('lead:l10:contact', 'contact', '110'),
        link('company:l1', 'company', '201'),
      ]);
      assert.deepEqual((await ctx.stores.links.forLead(ws, 'l1')).map((item) => item.key), ['lead:l1:contact', 'lead:l1:deal', 'lead:l1:note:c1']);
    });

    it('finds the key linked to a CRM id of a given type', async () => {
      await ctx.stores.links.put(ws, [link('lead:l1:contact', 'contact', '101'), link('lead:l1:deal', 'deal', '101')]);
      assert.equal((await ctx.stores.links.findByCrmId(ws, 'deal', '101'))?.key, 'lead:l1:deal');
      assert.equal(await ctx.stores.links.findByCrmId(ws, 'company', '101'), undefined);
    });

    it('pages through all links of a type in key order', async () => {
      await ctx.stores.links.put(ws, [
        link('lead:c:contact', 'contact', '3'),
        link('lead:a:contact', 'contact', '1'),
        link('lead:a:deal', 'deal', '9'),
        link('lead:b:contact', 'contact', '2'),
      ]);
      const pages = await allPages((cursor) => ctx.stores.links.listByType(ws, 'contact', { limit: 2, cursor }));
      assert.deepEqual(pages.map((page) => page.map((item) => item.crm_id)), [['1', '2'], ['3']]);
    });
  });
}
