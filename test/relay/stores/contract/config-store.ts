import assert from 'node:assert/strict';
import { at, subscription, workspace } from '../fixtures';
import type { StoreContext } from './context';

export function describeConfigStore(ctx: StoreContext): void {
  describe('ConfigStore', () => {
    it('saves a workspace and reads it back by id, by API key hash and in the list', async () => {
      await ctx.stores.config.saveWorkspace(workspace('acme'));
      assert.deepEqual(await ctx.stores.config.getWorkspace('acme'), workspace('acme'));
      assert.equal((await ctx.stores.config.findWorkspaceByApiKeyHash('hash-of-acme'))?.id, 'acme');
      assert.deepEqual((await ctx.stores.config.listWorkspaces()).map((item) => item.id), ['acme']);
    });

    it('answers undefined for an unknown workspace or API key hash', async () => {
      assert.equal(await ctx.stores.config.getWorkspace('nobody'), undefined);
      assert.equal(await ctx.stores.config.findWorkspaceByApiKeyHash('no-such-hash'), undefined);
    });

    it('replaces the whole workspace on a second save, keeping one entry', async () => {
      await ctx.stores.config.saveWorkspace(workspace('acme'));
      await ctx.stores.config.saveWorkspace(workspace('acme', { name: 'Acme Renamed', api_keys: [] }));
      const saved = await ctx.stores.config.getWorkspace('acme');
      assert.equal(saved?.name, 'Acme Renamed');
      assert.equal(await ctx.stores.config.findWorkspaceByApiKeyHash('hash-of-acme'), undefined);
      assert.equal((await ctx.stores.config.listWorkspaces()).length, 1);
    });

    it('rejects an invalid workspace and keeps the stored one', async () => {
      await ctx.stores.config.saveWorkspace(workspace('acme'));
      await assert.rejects(ctx.stores.config.saveWorkspace({ ...workspace('acme'), webhook_secrets: [] }));
      assert.deepEqual(await ctx.stores.config.getWorkspace('acme'), workspace('acme'));
    });

    it('hands out copies: changing a returned workspace changes nothing stored', async () => {
      await ctx.stores.config.saveWorkspace(workspace('acme'));
      const copy = await ctx.stores.config.getWorkspace('acme');
      if (copy) copy.name = 'Mutated';
      assert.equal((await ctx.stores.config.getWorkspace('acme'))?.name, 'Workspace acme');
    });

    it('applies concurrent saves one after another, losing none', async () => {
      await Promise.all(['a1', 'a2', 'a3', 'a4', 'a5'].map((id) => ctx.stores.config.saveWorkspace(workspace(id))));
      assert.deepEqual((await ctx.stores.config.listWorkspaces()).map((item) => item.id).sort(), ['a1', 'a2', 'a3', 'a4', 'a5']);
    });

    it('saves, lists, replaces and deletes subscriptions per workspace', async () => {
      await ctx.stores.config.saveSubscription(subscription('s1', 'acme'));
      await ctx.stores.config.saveSubscription(subscription('s2', 'acme', { event: 'sync.failed' }));
      await ctx.stores.config.saveSubscription(subscription('s1', 'acme', { status: 'disabled', disabled_reason: 'gone' }));
      const listed = await ctx.stores.config.listSubscriptions('acme');
      assert.deepEqual(listed.map((item) => [item.id, item.status]), [['s1', 'disabled'], ['s2', 'active']]);
      assert.equal(await ctx.stores.config.deleteSubscription('acme', 's1'), true);
      assert.equal(await ctx.stores.config.deleteSubscription('acme', 's1'), false);
      assert.deepEqual((await ctx.stores.config.listSubscriptions('acme')).map((item) => item.id), ['s2']);
    });

    it('keeps workspaces and subscriptions across close and reopen', async function () {
      if (!ctx.persistent) this.skip();
      await ctx.stores.config.saveWorkspace(workspace('acme', { created_at: at(5) }));
      await ctx.stores.config.saveSubscription(subscription('s1', 'acme'));
      const reopened = await ctx.reopen();
      assert.deepEqual(await reopened.config.getWorkspace('acme'), workspace('acme', { created_at: at(5) }));
      assert.deepEqual(await reopened.config.listSubscriptions('acme'), [subscription('s1', 'acme')]);
    });
  });
}
