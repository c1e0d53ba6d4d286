import assert from 'node:assert/strict';
import { ConfigError, loadConfig, realCrmFromEnv } from '../../relay/src/config';

describe('relay environment', () => {
  it('has defaults for a fresh clone', () => {
    const env = loadConfig({});
    assert.equal(env.PORT, 3000);
    assert.equal(env.DATA_DIR, './data');
    assert.equal(env.SANDBOX_PORT, 3001);
    assert.equal(env.SANDBOX, 'on');
    assert.equal(env.LOG_LEVEL, 'info');
    assert.equal(realCrmFromEnv(env), null);
  });

  it('treats empty variables as unset', () => {
    assert.equal(loadConfig({ PORT: '', RELAY_API_KEY: ' ' }).PORT, 3000);
  });

  it('names every bad variable and what it expects, without echoing secrets', () => {
    try {
      loadConfig({ PORT: 'eighty', WEBHOOK_SECRET: 'not-a-secret-value', LOG_LEVEL: 'loud', CRM_PROVIDER: 'pipedrive' });
      assert.fail('expected a ConfigError');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems.map((p) => p.variable).sort(), ['CRM_PROVIDER', 'LOG_LEVEL', 'PORT', 'WEBHOOK_SECRET']);
      assert.match(error.message, /WEBHOOK_SECRET: use "whsec_"/);
      assert.ok(!error.message.includes('not-a-secret-value'));
    }
  });

  it('points the default workspace at HubSpot when a token is given', () => {
    const connection = realCrmFromEnv(loadConfig({ HUBSPOT_ACCESS_TOKEN: 'pat-na1-123' }));
    assert.equal(connection?.provider, 'hubspot');
    assert.equal(connection?.access_token, 'pat-na1-123');
  });

  it('asks for the whole Salesforce connection', () => {
    assert.throws(() => loadConfig({ CRM_PROVIDER: 'salesforce', SALESFORCE_ACCESS_TOKEN: 'x' }), /SALESFORCE_INSTANCE_URL[\s\S]*SALESFORCE_REFRESH_TOKEN|SALESFORCE_REFRESH_TOKEN[\s\S]*SALESFORCE_INSTANCE_URL/);
    const env = loadConfig({ CRM_PROVIDER: 'salesforce', SALESFORCE_ACCESS_TOKEN: 'a', SALESFORCE_REFRESH_TOKEN: 'r', SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.com' });
    assert.equal(realCrmFromEnv(env)?.provider, 'salesforce');
  });
});
