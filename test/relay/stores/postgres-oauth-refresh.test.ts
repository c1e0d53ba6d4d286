import assert from 'node:assert/strict';
import { createHubspotAdapter, HubspotPortalRegistry } from '../../../shared/src/adapters/hubspot/index';
import type { HubspotTokens } from '../../../shared/src/adapters/hubspot/index';
import type { CrmConnection } from '../../../shared/src';
import { startSandbox } from '../../../sandbox-crm/src/index';
import type { RunningSandbox } from '../../../sandbox-crm/src/index';
import { createSecretBox } from '../../../relay/src/crypto';
import type { PostgresDatabase } from '../../../relay/src/stores/postgres';
import { oauthRefreshGate } from '../../../relay/src/stores/postgres/coordination';
import { freshSchema, twoInstances } from './postgres-harness';

const app = { clientId: 'relay-test-client', clientSecret: 'relay-test-secret' };
const box = createSecretBox(Buffer.alloc(32, 3));
const sealer = { seal: (plain: string) => box.encrypt(plain), open: (sealed: string) => box.decrypt(sealed) };

describe('OAuth refresh across relay instances (PostgreSQL)', function () {
  this.timeout(15_000);
  const schema = freshSchema('relay_oauth');
  let sandbox: RunningSandbox;
  let one: PostgresDatabase;
  let two: PostgresDatabase;
  let close = async (): Promise<void> => undefined;

  before(async () => {
    ({ one, two, close } = await twoInstances(schema));
    // Rotating refresh tokens, and only tokens the sandbox issued are accepted.
    sandbox = await startSandbox({ config: { hubspot: { rotateRefreshTokens: true }, auth: { tokens: ['static-token-unused'] } } });
  });

  after(async () => {
    await sandbox?.close();
    await close();
  });

  /** One instance's adapter for the workspace's stored connection: its own session, the gate on its own pool. */
  function instance(db: PostgresDatabase, refreshToken: string, saved: HubspotTokens[]) {
    const connection: CrmConnection = {
      provider: 'hubspot',
      auth: 'oauth',
      access_token: 'expired-access-token',
      refresh_token: refreshToken,
      expires_at: Date.now() - 60_000,
      base_url: sandbox.url,
      rate_limit_per_10s: 110,
    };
    return createHubspotAdapter({
      connection,
      oauth: app,
      registry: new HubspotPortalRegistry(),
      refreshGate: oauthRefreshGate(db, sealer, 'workspace:acme'),
      onTokens: (tokens) => void saved.push(tokens),
    });
  }

  it('refreshes once for all instances, and a refresh token rotated by one is never lost to another', async () => {
    const first = sandbox.state.tokens.issueRefresh('hubspot', app.clientId, ['crm.objects.contacts.write']);
    const savedA: HubspotTokens[] = [];
    const savedB: HubspotTokens[] = [];
    const a = instance(one, first, savedA);
    const b = instance(two, first, savedB);

    // Both instances find the access token expired at the same moment.
    await Promise.all([a.listOwners(), b.listOwners()]);
    assert.equal(sandbox.inspect().tokenCalls.hubspot, 1);
    assert.equal(savedA[0]?.refreshToken, savedB[0]?.refreshToken);
    const rotated = savedA[0]?.refreshToken;
    assert.ok(rotated && rotated !== first);

    // Much later, an instance still holding the spent token (its save was lost, or it read the workspace before
    // the rotation) must not send it: the provider refuses a rotated token and the user would have to reconnect.
    await one.run(`UPDATE oauth_refreshes SET obtained_at = now() - interval '1 hour'`);
    const savedC: HubspotTokens[] = [];
    await instance(two, first, savedC).listOwners();
    assert.equal(sandbox.inspect().tokenCalls.hubspot, 2);
    assert.ok(savedC[0]?.refreshToken && savedC[0].refreshToken !== rotated);
    assert.equal(sandbox.inspect().statuses['hubspot 401'], undefined);
  });
});
