import assert from 'node:assert/strict';
import { exchangeSalesforceCode, salesforceAuthorizationUrl } from '../../../../shared/src/adapters/salesforce';
import { useFakeOrg } from './helpers';

const app = { clientId: 'client-id', clientSecret: 'client-secret', redirectUri: 'https://relay.example/oauth/salesforce' };

describe('Salesforce OAuth web-server flow', () => {
  const org = useFakeOrg();

  it('sends the user to the authorize endpoint with the code flow, our scopes and the state', () => {
    const url = new URL(salesforceAuthorizationUrl({ ...app, loginUrl: 'https://test.salesforce.com' }, 'state-1'));
    assert.equal(`${url.origin}${url.pathname}`, 'https://test.salesforce.com/services/oauth2/authorize');
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      state: 'state-1',
      scope: 'api id refresh_token',
      response_type: 'code',
      client_id: 'client-id',
      redirect_uri: 'https://relay.example/oauth/salesforce',
    });
  });

  it('exchanges the code for a connection with the org\'s instance URL', async () => {
    org().expect({
      method: 'POST',
      path: '/services/oauth2/token',
      body: { grant_type: 'authorization_code', code: 'code-1', client_id: 'client-id', client_secret: 'client-secret', redirect_uri: app.redirectUri },
      reply: { access_token: 'access-1', refresh_token: 'refresh-1', instance_url: 'https://acme.my.salesforce.com', token_type: 'Bearer' },
    });
    const connection = await exchangeSalesforceCode({ ...app, loginUrl: org().url }, 'code-1');
    assert.deepEqual(connection, {
      provider: 'salesforce',
      auth: 'oauth',
      access_token: 'access-1',
      refresh_token: 'refresh-1',
      expires_at: null,
      instance_url: 'https://acme.my.salesforce.com',
      rate_limit_per_10s: 110,
    });
  });

  it('reports a used or expired code as revoked access', async () => {
    org().expect({ method: 'POST', path: '/services/oauth2/token', status: 400, reply: { error: 'invalid_grant', error_description: 'authentication failure' } });
    await assert.rejects(exchangeSalesforceCode({ ...app, loginUrl: org().url }, 'old'), { code: 'crm.auth_revoked' });
  });

  it('refuses a connection without a refresh token, naming the scope to allow', async () => {
    org().expect({ method: 'POST', path: '/services/oauth2/token', reply: { access_token: 'access-1', instance_url: 'https://acme.my.salesforce.com' } });
    await assert.rejects(exchangeSalesforceCode({ ...app, loginUrl: org().url }, 'code-1'), /refresh_token scope/);
  });
});
