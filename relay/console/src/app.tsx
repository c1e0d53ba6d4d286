import { useEffect, useState } from 'preact/hooks';
import { session, setCsrfToken, whenSignedOut } from './api';
import { Shell } from './shell';
import { sessionStateSchema } from './session-state';
import type { SessionState, SignedIn } from './session-state';
import { SignInPage } from './pages/sign-in';
import { ErrorNotice, Loading } from './ui';

/** Loads the session: the sign-in page when signed out, else the console. */
export function App() {
  const [state, setState] = useState<SessionState | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = () =>
    session.get(sessionStateSchema).then(
      (loaded) => {
        if (loaded.signed_in) setCsrfToken(loaded.csrf_token);
        setState(loaded);
      },
      (caught: unknown) => setError(caught),
    );

  useEffect(() => {
    whenSignedOut(() => setState({ signed_in: false, operator_sign_in: state?.signed_in ? state.operator_sign_in : false }));
    void load();
  }, []);

  const signedIn = (next: SignedIn) => {
    setCsrfToken(next.csrf_token);
    setState(next);
  };

  if (error) return <main class="center"><ErrorNotice error={error} title="The console could not start." /></main>;
  if (!state) return <main class="center"><Loading /></main>;
  if (!state.signed_in) return <SignInPage operatorSignIn={state.operator_sign_in} onSignedIn={signedIn} />;
  return <Shell session={state} onSessionChange={signedIn} onSignedOut={() => setState({ signed_in: false, operator_sign_in: state.operator_sign_in })} />;
}
