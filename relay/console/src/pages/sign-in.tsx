import { useState } from 'preact/hooks';
import { apiKeySignInSchema, operatorSignInSchema } from '../../../src/console/schemas';
import { session } from '../api';
import { validate } from '../forms';
import type { FieldErrors } from '../forms';
import { sessionStateSchema } from '../session-state';
import type { SignedIn } from '../session-state';
import { described, ErrorNotice, Field, useAction } from '../ui';

/** Sign in with the workspace API key, or (when ADMIN_PASSWORD is set) as the operator who sees every workspace. */
export function SignInPage(props: { operatorSignIn: boolean; onSignedIn: (session: SignedIn) => void }) {
  const [mode, setMode] = useState<'api_key' | 'password'>('api_key');
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = useAction(async () => {
    const checked = mode === 'api_key' ? validate(apiKeySignInSchema, { api_key: secret }) : validate(operatorSignInSchema, { password: secret });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    const state = await session.send('POST', '/session', checked.data, sessionStateSchema);
    setSecret('');
    if (state.signed_in) props.onSignedIn(state);
  });
  const error = errors[mode];
  const id = mode === 'api_key' ? 'api-key' : 'password';

  return (
    <main class="center sign-in">
      <h1>Synaptiq CRM Sync</h1>
      <p>Sign in to configure how leads reach your CRM.</p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit.run();
        }}
      >
        {props.operatorSignIn && (
          <fieldset class="choice-row">
            <legend>Sign in with</legend>
            <label>
              <input type="radio" name="mode" checked={mode === 'api_key'} onChange={() => setMode('api_key')} /> Workspace API key
            </label>
            <label>
              <input type="radio" name="mode" checked={mode === 'password'} onChange={() => setMode('password')} /> Operator password
            </label>
          </fieldset>
        )}
        <Field
          id={id}
          label={mode === 'api_key' ? 'Workspace API key' : 'Operator password'}
          hint={mode === 'api_key' ? 'The key printed when the relay first started (or by "npm run relay -- key create"). It is checked, then forgotten by this browser.' : 'ADMIN_PASSWORD on the relay: the operator sees every workspace.'}
          error={error}
        >
          <input id={id} type="password" autoComplete={mode === 'api_key' ? 'off' : 'current-password'} value={secret} onInput={(event) => setSecret(event.currentTarget.value)} {...described(id, true, error)} required />
        </Field>
        <ErrorNotice error={submit.error} />
        <button type="submit" disabled={submit.busy}>
          {submit.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
