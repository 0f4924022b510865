/** The sign-in page: user name and password to /api/auth/login; the server's message on failure. */
import { useState, type FormEvent } from 'react';
import { useT } from '../i18n';
import { useSession } from '../session';
import { ErrorBox, Field } from '../widgets';

export function SignInPage({ onDone }: { onDone: () => void }) {
  const t = useT();
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Error | undefined>(undefined);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await signIn(username, password);
      onDone();
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="signin-title" className="signin">
      <h1 id="signin-title">{t('signInTitle')}</h1>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <Field label={t('username')}><input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required /></Field>
        <Field label={t('password')}><input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required /></Field>
        <button type="submit" disabled={busy}>{busy ? t('signingIn') : t('signIn')}</button>
      </form>
      {problem && <ErrorBox error={problem} />}
    </section>
  );
}
