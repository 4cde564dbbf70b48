import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from './ChangePasswordForm';
import { DesktopPlace } from './DesktopPlace';
import { signOut, type TeamUser } from './team-auth';

/**
 * Who is signed in to the team server, their account (changing their
 * password), and the way out; in the desktop app, which server this is and
 * the way back. Only the team server shows it: the local app has no passwords.
 */
export function TeamBar({ user, accountOpen = false }: { user: TeamUser; accountOpen?: boolean }) {
  const { t } = useTranslation();
  const panelId = useId();
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(accountOpen);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const leave = async () => {
    try {
      await signOut();
      window.location.reload();
    } catch (e) {
      setError(t('team.signOutFailed', { message: (e as Error).message }));
    }
  };
  const close = () => {
    setOpen(false);
    toggleRef.current?.focus();
  };
  const onPanelKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  };
  return (
    <>
      <div className="team-bar" role="region" aria-label={t('team.signedInAs', { user: user.email, tenant: user.tenantId })}>
        <DesktopPlace />
        <span data-testid="signed-in-user">{t('team.signedInAs', { user: user.displayName ?? user.email, tenant: user.tenantId })}</span>
        <button
          type="button"
          ref={toggleRef}
          className="button-secondary button-small"
          aria-expanded={open}
          aria-controls={open ? panelId : undefined}
          onClick={() => (open ? close() : setOpen(true))}
        >
          {t('team.changePassword.open')}
        </button>
        <button type="button" className="button-secondary button-small" onClick={() => void leave()}>
          {t('team.signOut')}
        </button>
        {error && <span role="alert">{error}</span>}
      </div>
      {open && (
        <section id={panelId} className="account-panel" aria-labelledby={`${panelId}-title`} onKeyDown={onPanelKey}>
          <h2 id={`${panelId}-title`}>{t('team.changePassword.title')}</h2>
          <p className="muted">{t('team.changePassword.lead', { email: user.email })}</p>
          <ChangePasswordForm />
          <button type="button" className="button-secondary button-small" onClick={close}>
            {t('team.changePassword.close')}
          </button>
        </section>
      )}
    </>
  );
}
