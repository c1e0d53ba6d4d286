import { useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import type { CrmProvider } from '@synaptiq/shared/schemas/settings';
import { connectionViewSchema, privateAppTokenSchema } from '../../../src/console/schemas';
import { meSchema, verifySchema } from '../../../src/routes/responses';
import { api } from '../api';
import { validate } from '../forms';
import type { FieldErrors } from '../forms';
import { described, ErrorNotice, Field, Loading, Notice, Page, useAction, useLoad } from '../ui';

const labels: Record<CrmProvider, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };
const authLabels = { sandbox: 'the built-in sandbox CRM (no account needed)', private_app: 'a private app token (API key)', oauth: 'OAuth' } as const;
const connectLinkSchema = z.object({ authorize_url: z.url(), expires_at: z.string() });
const disconnectSchema = z.object({ disconnected: z.boolean(), revoked: z.boolean() });

/** /admin/settings > CRM: choose the CRM and how to authenticate, Verify Connection, Connect/Reconnect/Disconnect. */
export function ConnectionPage() {
  const connection = useLoad(() => api.get('/console/connection', connectionViewSchema), []);
  const me = useLoad(() => api.get('/v1/me', meSchema), []);
  const [provider, setProvider] = useState<CrmProvider>('hubspot');
  const [method, setMethod] = useState<'private_app' | 'oauth'>('oauth');
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [waitingForOAuth, setWaitingForOAuth] = useState(false);

  useEffect(() => {
    if (!connection.data) return;
    setProvider(connection.data.provider);
    setMethod(connection.data.auth === 'private_app' ? 'private_app' : 'oauth');
  }, [connection.data]);

  // While the user approves in the CRM's window, look for the new connection every 2 seconds (10 minutes at most).
  useEffect(() => {
    if (!waitingForOAuth) return;
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > 10 * 60_000) setWaitingForOAuth(false);
      connection.reload();
      me.reload();
    }, 2000);
    return () => clearInterval(timer);
  }, [waitingForOAuth]);
  useEffect(() => {
    if (waitingForOAuth && connection.data?.auth === 'oauth' && connection.data.provider === provider) {
      setWaitingForOAuth(false);
      setNotice(`${labels[provider]} is connected. Press Verify Connection to check it.`);
    }
  }, [connection.data]);

  const verify = useAction(() => api.send('POST', '/v1/crm/verify', undefined, verifySchema));
  const saveToken = useAction(async () => {
    const checked = validate(privateAppTokenSchema, { provider: 'hubspot', access_token: token });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    await api.send('PUT', '/console/connection/private-app', checked.data, connectionViewSchema);
    setToken('');
    connection.reload();
    me.reload();
    setNotice('The token is saved, encrypted: it is never shown again. The check of the connection is above.');
    await verify.run();
  });
  const connect = useAction(async () => {
    const link = await api.send('POST', `/v1/crm/connect/${provider}`, undefined, connectLinkSchema);
    setNotice(null);
    // A new window keeps this page; if it is blocked, go there in this one (the relay shows the result).
    const opened = window.open(link.authorize_url, 'synaptiq-crm-connect');
    if (opened === null) window.location.assign(link.authorize_url);
    setWaitingForOAuth(true);
  });
  const disconnect = useAction(async () => {
    if (!window.confirm(`Disconnect ${labels[provider]}? Syncing falls back to the sandbox CRM until you connect again.`)) return;
    const result = await api.send('DELETE', '/v1/crm/connection', undefined, disconnectSchema);
    setNotice(result.revoked ? 'Disconnected, and the access was revoked in the CRM.' : 'Disconnected. The CRM could not be told to revoke the access: remove the app there too.');
    connection.reload();
    me.reload();
  });

  if (connection.error || me.error) return <Page title="CRM connection"><ErrorNotice error={connection.error ?? me.error} /></Page>;
  if (!connection.data || !me.data) return <Page title="CRM connection"><Loading /></Page>;
  const current = connection.data;
  const connected = current.auth !== 'sandbox';
  const tokenError = errors.access_token;

  return (
    <Page title="CRM connection" intro="Where Synaptiq writes your leads, and how it signs in there.">
      <div class="card">
        <h2>Current connection</h2>
        <p data-testid="current-connection">
          <strong>{labels[current.provider]}</strong> through {authLabels[current.auth]}
          {me.data.crm.account_name ? ` — ${me.data.crm.account_name}` : ''}.
        </p>
        <div class="actions">
          <button type="button" onClick={() => void verify.run()} disabled={verify.busy}>
            {verify.busy ? 'Verifying…' : 'Verify Connection'}
          </button>
          {connected && (
            <button type="button" class="danger" onClick={() => void disconnect.run()} disabled={disconnect.busy}>
              Disconnect
            </button>
          )}
        </div>
        {verify.data && (
          <Notice kind="success" title="Connection works.">
            Signed in to {verify.data.account.name ?? 'the account'} ({labels[verify.data.account.provider as CrmProvider] ?? verify.data.account.provider}, account {verify.data.account.id}).
          </Notice>
        )}
        <ErrorNotice error={verify.error} title="The connection does not work." />
        <ErrorNotice error={disconnect.error} />
      </div>

      {notice && <Notice kind="success">{notice}</Notice>}

      <form
        class="card"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void (method === 'private_app' && provider === 'hubspot' ? saveToken.run() : connect.run());
        }}
      >
        <h2>{connected ? 'Change or reconnect' : 'Connect your CRM'}</h2>
        <fieldset class="choice-row">
          <legend>CRM</legend>
          {(['hubspot', 'salesforce'] as const).map((value) => (
            <label key={value}>
              <input type="radio" name="provider" value={value} checked={provider === value} onChange={() => setProvider(value)} /> {labels[value]}
            </label>
          ))}
        </fieldset>
        {provider === 'hubspot' ? (
          <fieldset class="choice-row">
            <legend>Auth method</legend>
            <label>
              <input type="radio" name="method" checked={method === 'oauth'} onChange={() => setMethod('oauth')} /> OAuth (recommended for teams)
            </label>
            <label>
              <input type="radio" name="method" checked={method === 'private_app'} onChange={() => setMethod('private_app')} /> API Key (private app token)
            </label>
          </fieldset>
        ) : (
          <p class="hint">Salesforce connects with OAuth 2.0: you approve access on Salesforce's own page.</p>
        )}
        {provider === 'hubspot' && method === 'private_app' ? (
          <Field
            id="access-token"
            label="Private app access token"
            hint="In HubSpot: Settings > Integrations > Private Apps > Create a private app named Synaptiq with the contacts, companies and deals read/write scopes and crm.schemas.contacts.read, then copy its access token."
            error={tokenError}
          >
            <input
              id="access-token"
              type="password"
              autoComplete="off"
              placeholder={current.auth === 'private_app' ? 'A token is saved: paste a new one to replace it' : 'pat-…'}
              value={token}
              onInput={(event) => setToken(event.currentTarget.value)}
              {...described('access-token', true, tokenError)}
            />
          </Field>
        ) : (
          <p>
            {labels[provider]} opens in a new window: sign in there, choose the account and approve. Come back here when it says "connected": this page notices by itself.
          </p>
        )}
        <ErrorNotice error={saveToken.error ?? connect.error} />
        {waitingForOAuth && <Loading label={`Waiting for you to approve in ${labels[provider]}…`} />}
        <button type="submit" disabled={saveToken.busy || connect.busy}>
          {method === 'private_app' && provider === 'hubspot' ? 'Save token and verify' : `${connected && current.provider === provider && current.auth === 'oauth' ? 'Reconnect' : 'Connect'} ${labels[provider]}`}
        </button>
      </form>
    </Page>
  );
}

