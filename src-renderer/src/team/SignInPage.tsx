import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DesktopPlace } from './DesktopPlace';
import { signIn, type SignInAnswer } from './team-auth';

/** The team server's sign-in page: email and password, errors said in words and announced to screen readers. */
export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const emailId = useId();
  const passwordId = useId();
  const errorId = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const describe = (answer: Exclude<SignInAnswer, { ok: true }>) => {
    if (answer.reason === 'invalid') return t('team.invalid');
    if (answer.reason === 'disabled') return t('team.disabled');
    if (answer.reason === 'locked') return t('team.locked', { seconds: answer.retryAfter ?? 60 });
    return t('team.failed', { message: answer.message });
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const answer = await signIn(email, password);
    setBusy(false);
    if (answer.ok) return onSignedIn();
    setError(describe(answer));
    setPassword('');
    passwordRef.current?.focus();
  }

  return (
    <main className="sign-in" aria-labelledby={`${emailId}-title`}>
      <DesktopPlace />
      <h1 id={`${emailId}-title`}>{t('team.signInTitle')}</h1>
      <p className="muted">{t('team.signInLead')}</p>
      <form onSubmit={(e) => void submit(e)} aria-describedby={error ? errorId : undefined} noValidate>
        <div className="field">
          <label htmlFor={emailId}>{t('team.email')}</label>
          <input
            id={emailId}
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={passwordId}>{t('team.password')}</label>
          <input
            id={passwordId}
            ref={passwordRef}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {error && (
          <p id={errorId} role="alert" className="notice sign-in-error">
            {error}
          </p>
        )}
        <div className="button-row">
          <button type="submit" disabled={busy || email.trim() === '' || password === ''}>
            {busy ? t('team.signingIn') : t('team.signIn')}
          </button>
        </div>
        <p className="hint">{t('team.forgot')}</p>
      </form>
    </main>
  );
}
